package dev.booty.plugins.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A data centre's {@code /etc/hosts}: the machine's own entries, then booty's names for the
 * scenario's endpoints as that data centre reaches them. The file is bind-mounted over {@code
 * /etc/hosts} in the DC's mount namespace, so it is rewritten in place (a new file by rename would
 * leave the mount on the old one).
 */
final class HostsFiles {
  static final String MARK = "# --- booty: this data centre's view of the scenario ---";

  private HostsFiles() {}

  static void write(Path file, Map<String, String> names) throws IOException {
    StringBuilder sb = new StringBuilder(machineHosts());
    if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
      sb.append('\n');
    }
    sb.append(MARK).append('\n');
    new TreeMap<>(names)
        .forEach((name, addr) -> sb.append(addr).append(' ').append(name).append('\n'));
    BindMounted.write(file, sb.toString());
  }

  /** The machine's /etc/hosts without any booty block (it may be one of ours, bind-mounted). */
  private static String machineHosts() throws IOException {
    Path etc = Path.of("/etc/hosts");
    if (!Files.isReadable(etc)) {
      return "127.0.0.1 localhost\n";
    }
    String text = Files.readString(etc);
    int mark = text.indexOf(MARK);
    return mark < 0 ? text : text.substring(0, mark);
  }
}

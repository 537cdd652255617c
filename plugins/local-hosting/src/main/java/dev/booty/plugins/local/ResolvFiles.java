package dev.booty.plugins.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A data centre's {@code /etc/resolv.conf}: the machine's own, or its DNS servers when a scenario
 * has a DNS plugin. Bind-mounted like the hosts file, so it is rewritten in place, and only when
 * its text changes (a reader never sees it half-written for nothing). glibc and Go re-read a
 * changed resolv.conf on their own; short timeouts let a dead DNS server show as such quickly.
 */
final class ResolvFiles {
  static final String MARK = "# booty: this data centre's resolver";

  private ResolvFiles() {}

  /** Points the file at {@code servers}; an empty list gives it the machine's resolvers. */
  static void write(Path file, List<String> servers) throws IOException {
    String text;
    if (servers.isEmpty()) {
      Path etc = Path.of("/etc/resolv.conf");
      String machine = Files.isReadable(etc) ? Files.readString(etc) : "";
      int mark = machine.indexOf(MARK);
      text = mark < 0 ? machine : "";
    } else {
      StringBuilder sb = new StringBuilder(MARK).append('\n');
      servers.forEach(s -> sb.append("nameserver ").append(s).append('\n'));
      sb.append("options timeout:1 attempts:2\n");
      text = sb.toString();
    }
    BindMounted.write(file, text);
  }
}

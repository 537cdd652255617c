package dev.booty.plugins.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsFilesTest {
  @TempDir Path dir;

  /** The machine's own lines, as HostsFiles keeps them (without a booty block of its own). */
  private static List<String> machineLines() throws Exception {
    Path etc = Path.of("/etc/hosts");
    if (!Files.isReadable(etc)) {
      return List.of("127.0.0.1 localhost");
    }
    String text = Files.readString(etc);
    int mark = text.indexOf(HostsFiles.MARK);
    return (mark < 0 ? text : text.substring(0, mark)).lines().toList();
  }

  private static long occurrences(String text, String of) {
    return text.lines().filter(of::equals).count();
  }

  @Test
  void rewritingKeepsTheInodeAndReplacesTheBlock() throws Exception {
    Path hosts = dir.resolve("hosts");
    HostsFiles.write(
        hosts,
        Map.of(
            "dal-1.nats.booty", "127.77.1.100",
            "lon-1.nats.booty", "127.77.1.11",
            "ams-9.nats.booty", "127.77.1.101"));
    Object inode = Files.getAttribute(hosts, "unix:ino");

    HostsFiles.write(
        hosts, Map.of("dal-1.nats.booty", "127.77.1.102", "lon-1.nats.booty", "127.77.1.11"));

    // a bind mount pins the inode: the file must be rewritten in place, never replaced
    assertThat(Files.getAttribute(hosts, "unix:ino")).isEqualTo(inode);
    String text = Files.readString(hosts);
    assertThat(occurrences(text, HostsFiles.MARK)).isEqualTo(1);
    List<String> block = text.lines().dropWhile(l -> !l.equals(HostsFiles.MARK)).skip(1).toList();
    // sorted by name; the name only the first view had is gone
    assertThat(block)
        .containsExactly("127.77.1.102 dal-1.nats.booty", "127.77.1.11 lon-1.nats.booty");
    assertThat(text).doesNotContain("ams-9.nats.booty").doesNotContain("127.77.1.100");
  }

  @Test
  void theMachinesOwnLinesComeFirstAndOnce() throws Exception {
    Path hosts = dir.resolve("hosts");
    List<String> machine = machineLines();

    HostsFiles.write(hosts, Map.of("lon-1.nats.booty", "127.77.1.11"));
    HostsFiles.write(hosts, Map.of("lon-1.nats.booty", "127.77.1.11"));

    List<String> lines = Files.readString(hosts).lines().toList();
    assertThat(lines.subList(0, machine.size())).isEqualTo(machine);
    assertThat(lines.subList(machine.size(), lines.size()))
        .containsExactly(HostsFiles.MARK, "127.77.1.11 lon-1.nats.booty");
  }

  @Test
  void aLongerOldFileLeavesNothingBehind() throws Exception {
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, "junk\n".repeat(10_000));
    Object inode = Files.getAttribute(hosts, "unix:ino");

    HostsFiles.write(hosts, Map.of());

    assertThat(Files.getAttribute(hosts, "unix:ino")).isEqualTo(inode);
    String text = Files.readString(hosts);
    assertThat(text).doesNotContain("junk").endsWith(HostsFiles.MARK + "\n");
  }
}

package dev.booty.plugins.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolvFilesTest {
  @TempDir Path dir;

  @Test
  void aDataCentreResolvesThroughItsDnsServersWithShortTimeoutsAndBackThroughTheMachines()
      throws Exception {
    Path file = dir.resolve("resolv.conf");
    ResolvFiles.write(file, List.of("127.77.1.2"));
    assertThat(Files.readAllLines(file))
        .containsExactly(ResolvFiles.MARK, "nameserver 127.77.1.2", "options timeout:1 attempts:2");

    // unchanged text is not rewritten: a reader never meets a truncated file for nothing
    FileTime old = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(file, old);
    ResolvFiles.write(file, List.of("127.77.1.2"));
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);

    ResolvFiles.write(file, List.of());
    String machine = Files.readString(Path.of("/etc/resolv.conf"));
    assertThat(Files.readString(file))
        .isEqualTo(machine.contains(ResolvFiles.MARK) ? "" : machine)
        .doesNotContain("127.77.1.2");
  }
}

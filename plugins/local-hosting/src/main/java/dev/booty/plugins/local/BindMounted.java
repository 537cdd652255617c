package dev.booty.plugins.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file bind-mounted into a data centre's mount namespace (its hosts file, its resolv.conf): it is
 * rewritten in place, since a new file by rename would leave the mount on the old one, and only
 * when its text changes, so a reader never meets it truncated for nothing.
 */
final class BindMounted {
  private BindMounted() {}

  static void write(Path file, String text) throws IOException {
    if (Files.exists(file) && Files.readString(file).equals(text)) {
      return;
    }
    Files.writeString(
        file,
        text,
        StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
  }
}

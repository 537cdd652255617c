package dev.booty.core.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Small file-tree chores. */
public final class FileTrees {
  private FileTrees() {}

  /** Deletes {@code root} and everything under it; a missing root is fine. */
  public static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  p.toFile().setWritable(true);
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Writes {@code content} to {@code file} through a temporary file in the same folder and one
   * rename, so readers see the old or the new content, never half; {@code ownerOnly} makes it mode
   * 600 from the start (keys, creds, password hashes).
   */
  public static void writeAtomically(Path file, String content, boolean ownerOnly)
      throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp =
        ownerOnly
            ? Files.createTempFile(
                file.getParent(),
                ".tmp-",
                "",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")))
            : Files.createTempFile(file.getParent(), ".tmp-", "");
    try {
      Files.writeString(tmp, content);
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Total size in bytes of the regular files under {@code root} (0 when missing). */
  public static long size(Path root) throws IOException {
    if (!Files.exists(root)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .mapToLong(p -> p.toFile().length())
          .sum();
    }
  }
}

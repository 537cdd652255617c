package dev.booty.core.source;

import dev.booty.core.BootyException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Takes one file out of a zip or tar.gz archive, refusing entries that escape the archive. */
public final class Archives {
  private Archives() {}

  /**
   * Copies the entry at {@code entryPath} of {@code archive} ({@code zip}, {@code tar.gz} or {@code
   * binary}) to {@code target} and makes it executable.
   */
  public static void extractExecutable(
      Path archive, String format, String entryPath, Path target, String component)
      throws IOException {
    boolean found =
        switch (format) {
          case "zip" -> fromZip(archive, entryPath, target);
          case "tar.gz" -> fromTarGz(archive, entryPath, target);
          case "binary" -> {
            Files.copy(archive, target, StandardCopyOption.REPLACE_EXISTING);
            yield true;
          }
          default -> throw new IllegalArgumentException("unknown archive format " + format);
        };
    if (!found) {
      throw BootyException.failure(
          component + ": the archive " + archive.getFileName() + " has no entry " + entryPath);
    }
    if (!target.toFile().setExecutable(true, false)) {
      throw new IOException("cannot make " + target + " executable");
    }
  }

  private static boolean fromZip(Path archive, String entryPath, Path target) throws IOException {
    try (ZipInputStream zip =
        new ZipInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        if (!e.isDirectory() && matches(e.getName(), entryPath)) {
          copy(zip, target);
          return true;
        }
      }
    }
    return false;
  }

  private static boolean fromTarGz(Path archive, String entryPath, Path target) throws IOException {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive))))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (e.isFile() && matches(e.getName(), entryPath)) {
          copy(tar, target);
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matches(String name, String entryPath) {
    String normal = name.startsWith("./") ? name.substring(2) : name;
    if (normal.startsWith("/") || normal.contains("../")) {
      return false; // never follow an entry out of the archive
    }
    return normal.equals(entryPath);
  }

  private static void copy(InputStream in, Path target) throws IOException {
    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
  }
}

package dev.booty.core.source;

import dev.booty.core.manifest.ComponentSpec;
import dev.booty.core.manifest.ComponentSpec.Release;
import dev.booty.core.manifest.Platform;
import dev.booty.core.util.Digests;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Lays a binary out the way its publisher does (archive plus checksum file, at the paths of the
 * manifest's URL templates) under a folder, so a plain HTTP file server on that folder is a release
 * mirror. booty-dev's benchmarks and the integration tests serve such folders on loopback.
 */
public final class ReleasePublisher {
  private ReleasePublisher() {}

  /**
   * The published archive and checksum file.
   *
   * @param archive the archive's path under the root
   * @param checksums the checksum file's path under the root
   * @param digest the archive's digest as listed
   */
  public record Published(Path archive, Path checksums, String digest) {}

  public static Published publish(
      ComponentSpec spec, String version, Platform platform, Path binary, Path root)
      throws IOException {
    Release r = spec.sources().release();
    if (r == null) {
      throw new IllegalArgumentException(spec.name() + " has no release source to imitate");
    }
    Path archive = root.resolve(relative(r, r.url(), spec, version, platform));
    Path sums = root.resolve(relative(r, r.checksums(), spec, version, platform));
    Files.createDirectories(archive.getParent());
    Files.createDirectories(sums.getParent());
    String entry = r.expand(r.path(), "", version, platform);
    switch (r.format()) {
      case "zip" -> zip(binary, entry, archive);
      case "tar.gz" -> tarGz(binary, entry, archive);
      case "binary" -> Files.copy(binary, archive);
      default -> throw new IllegalArgumentException("unknown format " + r.format());
    }
    String digest = Digests.hex(r.algorithm(), archive);
    Files.writeString(
        sums,
        digest + "  " + archive.getFileName() + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    return new Published(archive, sums, digest);
  }

  private static String relative(
      Release r, String template, ComponentSpec spec, String version, Platform p) {
    if (!template.startsWith("{base}/")) {
      throw new IllegalArgumentException(
          spec.name() + ": template " + template + " does not start with {base}/");
    }
    return r.expand(template.substring("{base}/".length()), "", version, p);
  }

  private static void zip(Path binary, String entry, Path archive) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
      zip.putNextEntry(new ZipEntry(entry));
      Files.copy(binary, zip);
      zip.closeEntry();
    }
  }

  private static void tarGz(Path binary, String entry, Path archive) throws IOException {
    try (OutputStream out = Files.newOutputStream(archive);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      TarArchiveEntry e = new TarArchiveEntry(entry);
      e.setSize(Files.size(binary));
      e.setMode(0755);
      tar.putArchiveEntry(e);
      Files.copy(binary, tar);
      tar.closeArchiveEntry();
    }
  }
}

package dev.booty.core.source;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads publishers' checksum files: lines of {@code HEX FILENAME} (sha256sum/sha512sum style,
 * {@code *FILENAME} for binary mode), as HashiCorp and goreleaser write them.
 */
public final class Checksums {
  private Checksums() {}

  /** The checksum listed for {@code fileName}, lower-cased, if the file lists it. */
  public static Optional<String> find(String checksumFile, String fileName) {
    for (String raw : checksumFile.split("\\R")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+", 2);
      if (parts.length != 2) {
        continue;
      }
      String name = parts[1].startsWith("*") ? parts[1].substring(1) : parts[1];
      if (name.startsWith("./")) {
        name = name.substring(2);
      }
      if (name.equals(fileName) && parts[0].matches("[0-9a-fA-F]{64,128}")) {
        return Optional.of(parts[0].toLowerCase(Locale.ROOT));
      }
    }
    return Optional.empty();
  }
}

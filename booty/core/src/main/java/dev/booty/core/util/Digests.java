package dev.booty.core.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Hex digests of files: sha256 and sha512, as publishers write them in checksum files. */
public final class Digests {
  private Digests() {}

  public static String sha256(Path file) throws IOException {
    return hex("sha256", file);
  }

  /** The sha256 of some bytes, in hex. */
  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(messageDigest("sha256").digest(bytes));
  }

  /** {@code algorithm} as written in the manifest: {@code sha256} or {@code sha512}. */
  public static String hex(String algorithm, Path file) throws IOException {
    MessageDigest md = messageDigest(algorithm);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  public static MessageDigest messageDigest(String algorithm) {
    String jca =
        switch (algorithm.toLowerCase(Locale.ROOT)) {
          case "sha256" -> "SHA-256";
          case "sha512" -> "SHA-512";
          default -> throw new IllegalArgumentException("unsupported digest " + algorithm);
        };
    try {
      return MessageDigest.getInstance(jca);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jca + " missing from this JDK", e);
    }
  }
}

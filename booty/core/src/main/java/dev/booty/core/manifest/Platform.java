package dev.booty.core.manifest;

import java.util.Locale;

/** An operating system and CPU architecture in Go's spelling: {@code linux/amd64}. */
public record Platform(String os, String arch) {

  public static Platform current() {
    return new Platform(
        osName(System.getProperty("os.name")), archName(System.getProperty("os.arch")));
  }

  public static Platform parse(String text) {
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw new IllegalArgumentException(
          "platform '" + text + "' is not OS/ARCH, e.g. linux/amd64");
    }
    return new Platform(text.substring(0, slash), text.substring(slash + 1));
  }

  static String osName(String javaName) {
    String n = javaName.toLowerCase(Locale.ROOT);
    if (n.contains("linux")) {
      return "linux";
    }
    if (n.contains("mac") || n.contains("darwin")) {
      return "darwin";
    }
    if (n.contains("windows")) {
      return "windows";
    }
    return n.replace(' ', '-');
  }

  static String archName(String javaArch) {
    return switch (javaArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> javaArch;
    };
  }

  /** {@code linux-amd64}: the form used in folder names. */
  public String dashed() {
    return os + "-" + arch;
  }

  @Override
  public String toString() {
    return os + "/" + arch;
  }
}

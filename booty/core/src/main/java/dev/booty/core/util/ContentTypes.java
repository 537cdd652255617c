package dev.booty.core.util;

/** The media type booty serves a page's file as, by its extension (booty/web's bundles). */
public final class ContentTypes {
  private ContentTypes() {}

  /** {@code text/javascript; charset=utf-8} for {@code main.js}; octet-stream for the unknown. */
  public static String of(String file) {
    String ext = file.substring(file.lastIndexOf('.') + 1);
    return switch (ext) {
      case "html" -> "text/html; charset=utf-8";
      case "js", "mjs" -> "text/javascript; charset=utf-8";
      case "css" -> "text/css; charset=utf-8";
      case "json", "map" -> "application/json; charset=utf-8";
      case "svg" -> "image/svg+xml";
      case "png" -> "image/png";
      case "ico" -> "image/x-icon";
      case "woff2" -> "font/woff2";
      default -> "application/octet-stream";
    };
  }
}

package dev.booty.core.client.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.booty.core.util.ContentTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Serves the browser client page (booty-web's {@code dev/booty/web/browser-client/}: index.html and
 * its bundled main.js) on 127.0.0.1 at a port of the system's choosing, to the one Chromium of its
 * process: the page comes from booty's own jar, nothing from a CDN or the network. Only the page's
 * own files are served; anything else is 404.
 */
final class PageServer implements AutoCloseable {
  /** Where the page's files come from; {@code null} for a file it does not have. */
  @FunctionalInterface
  interface Source {
    byte[] read(String name) throws IOException;
  }

  /** The page bundled into booty-web's jar at build time. */
  static final String BUNDLED = "/dev/booty/web/browser-client/";

  private final HttpServer server;

  private PageServer(HttpServer server) {
    this.server = server;
  }

  /** The bundled page, from the classpath. */
  static Source bundled() {
    return name -> {
      try (InputStream in = PageServer.class.getResourceAsStream(BUNDLED + name)) {
        return in == null ? null : in.readAllBytes();
      }
    };
  }

  /** The page's files from a folder (tests serve variants of the page this way). */
  static Source folder(Path dir) {
    return name -> {
      try {
        return Files.readAllBytes(dir.resolve(name));
      } catch (NoSuchFileException e) {
        return null;
      }
    };
  }

  /** Starts serving {@code files} on 127.0.0.1, port 0. */
  static PageServer start(Source files) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.createContext("/", exchange -> serve(exchange, files));
    s.start();
    return new PageServer(s);
  }

  /** The page's address. */
  URI index() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/index.html");
  }

  private static void serve(HttpExchange exchange, Source files) throws IOException {
    try (exchange) {
      String name = exchange.getRequestURI().getPath().substring(1);
      byte[] body = null;
      // one flat folder: no sub-paths, so no way out of it
      if (!name.isEmpty() && !name.contains("/") && !name.contains("..")) {
        try {
          body = files.read(name);
        } catch (IOException | UncheckedIOException e) {
          body = null;
        }
      }
      if (body == null || !"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", ContentTypes.of(name));
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

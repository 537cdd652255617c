package dev.booty.cli.support;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import dev.booty.core.manifest.Manifest;
import dev.booty.core.manifest.ManifestLoader;
import dev.booty.core.manifest.Platform;
import dev.booty.core.source.ReleasePublisher;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/** A folder laid out like publishers' release sites, served by a real HTTP server on loopback. */
public final class ReleaseSite implements AutoCloseable {
  private final Manifest manifest;
  private final Path root;
  private final Path binaries;
  private final HttpServer server;

  public ReleaseSite(Path manifestFile, Path dir) throws IOException {
    this.manifest = ManifestLoader.load(manifestFile);
    this.root = dir.resolve("site");
    this.binaries = dir.resolve("binaries");
    java.nio.file.Files.createDirectories(root);
    this.server =
        SimpleFileServer.createFileServer(
            new InetSocketAddress("127.0.0.1", 0), root, SimpleFileServer.OutputLevel.NONE);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Publishes a demo binary answering {@code answerVersion} as {@code component@version}. */
  public ReleasePublisher.Published publish(String component, String version, String answerVersion)
      throws IOException {
    Path binary = DemoComponents.binary(binaries, component, answerVersion);
    return ReleasePublisher.publish(
        manifest.component(component), version, Platform.current(), binary, root);
  }

  public ReleasePublisher.Published publish(String component, String version) throws IOException {
    return publish(component, version, version);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

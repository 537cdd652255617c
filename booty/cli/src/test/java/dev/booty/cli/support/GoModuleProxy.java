package dev.booty.cli.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A Go module proxy in a folder (GOPROXY=file://...), written by the test, following the GOPROXY
 * protocol: {@code MODULE/@v/list}, {@code VERSION.info}, {@code .mod}, {@code .zip}.
 */
public final class GoModuleProxy {
  private final Path root;

  public GoModuleProxy(Path root) {
    this.root = root;
  }

  public String url() {
    return root.toUri().toString();
  }

  /** Publishes {@code module@version} with {@code files} (path to content; must include go.mod). */
  public void publish(String module, String version, String infoJson, Map<String, String> files)
      throws IOException {
    Path dir = root.resolve(module).resolve("@v");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(version + ".info"), infoJson);
    Files.writeString(dir.resolve(version + ".mod"), files.get("go.mod"));
    try (ZipOutputStream zip =
        new ZipOutputStream(Files.newOutputStream(dir.resolve(version + ".zip")))) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(module + "@" + version + "/" + f.getKey()));
        zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    Path list = dir.resolve("list");
    String existing = Files.exists(list) ? Files.readString(list) : "";
    if (!version.startsWith("v0.0.0-")) {
      Files.writeString(list, existing + version + "\n");
    }
  }

  /** An extra .info answering a query (a commit hash) with a version, as proxy.golang.org does. */
  public void alias(String module, String query, String infoJson) throws IOException {
    Path dir = root.resolve(module).resolve("@v");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(query + ".info"), infoJson);
  }
}

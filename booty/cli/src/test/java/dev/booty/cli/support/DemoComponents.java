package dev.booty.cli.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A manifest of small demo components whose binaries are real executables (shell scripts that
 * answer their version command), published the way real publishers do in each archive format.
 */
public final class DemoComponents {
  private DemoComponents() {}

  /** Writes a manifest with demo-zip, demo-tgz and demo-bin at 1.2.3 and 1.0.0. */
  public static Path manifest(Path dir) throws IOException {
    StringBuilder yaml = new StringBuilder("manifestVersion: 1\ncomponents:\n");
    component(yaml, "demo-zip", "zip", "sha256", "demo-zip_{version}_{os}_{arch}.zip", "demo-zip");
    component(
        yaml,
        "demo-tgz",
        "tar.gz",
        "sha512",
        "demo-tgz-v{version}-{os}-{arch}.tar.gz",
        "demo-tgz-v{version}-{os}-{arch}/demo-tgz");
    component(yaml, "demo-bin", "binary", "sha256", "demo-bin-{os}-{arch}", "demo-bin");
    Path file = dir.resolve("demo-components.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static void component(
      StringBuilder yaml, String name, String format, String algorithm, String asset, String path) {
    yaml.append("  ")
        .append(name)
        .append(":\n")
        .append("    description: demo component packed as ")
        .append(format)
        .append("\n")
        .append("    binary: ")
        .append(name)
        .append("\n")
        .append("    default: 1.2.3\n")
        .append("    versions: [1.2.3, 1.0.0]\n")
        .append("    platforms: [linux/amd64, linux/arm64, darwin/amd64, darwin/arm64]\n")
        .append("    versionCheck: {args: [--version], expect: \"")
        .append(name)
        .append(" v{version}\"}\n")
        .append("    sources:\n")
        .append("      release:\n")
        .append("        base: http://127.0.0.1:9/unreachable\n")
        .append("        url: \"{base}/")
        .append(name)
        .append("/v{version}/")
        .append(asset)
        .append("\"\n")
        .append("        checksums: \"{base}/")
        .append(name)
        .append("/v{version}/SHA")
        .append(algorithm.substring(3))
        .append("SUMS\"\n")
        .append("        algorithm: ")
        .append(algorithm)
        .append("\n")
        .append("        format: ")
        .append(format)
        .append("\n")
        .append("        path: \"")
        .append(path)
        .append("\"\n");
  }

  /** A real executable that answers {@code --version} with {@code NAME vVERSION}. */
  public static Path binary(Path dir, String name, String version) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(name + "-" + version);
    Files.writeString(
        file,
        "#!/bin/sh\n"
            + "if [ \"$1\" = --version ]; then echo \""
            + name
            + " v"
            + version
            + "\"; exit 0; fi\n"
            + "echo \"usage: "
            + name
            + " --version\"; exit 1\n");
    file.toFile().setExecutable(true, false);
    return file;
  }
}

package dev.booty.plugins.ssh;

import dev.booty.api.PluginContext;
import dev.booty.plugins.ssh.HostInstall.InstallFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The binaries a host gets, at the same place relative to the install root as in booty's home
 * ({@code components/NAME/VERSION/bin/BINARY}), so a job that names {@code
 * ${meta.booty_home}/components/nats-server/VERSION/bin/nats-server} finds it on any host: the
 * active Nomad and Consul (the agents), and every installed nats-server version (what the cluster
 * plugin may ask for, upgrades included).
 */
final class ComponentFiles {
  private ComponentFiles() {}

  /** The agents' binaries, Nomad's first. */
  static List<InstallFile> agents(PluginContext ctx) {
    return List.of(active(ctx, "nomad"), active(ctx, "consul"));
  }

  /** Every installed version of nats-server, oldest name first; none when it is not installed. */
  static List<InstallFile> natsServers(PluginContext ctx) {
    Path versions = ctx.home().resolve("components").resolve("nats-server");
    if (!Files.isDirectory(versions)) {
      return List.of();
    }
    List<InstallFile> files = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(versions)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        ctx.binary("nats-server", dir.getFileName().toString())
            .ifPresent(b -> files.add(file(ctx, "nats-server", b)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + versions, e);
    }
    return files;
  }

  /**
   * booty's distribution (launcher, find-jdk, jars), from which booty's agent and test clients run
   * on the host: under {@code dist/DIGEST/}, named by its content, so another booty's jars never
   * mix with these on the launcher's class path. Empty when booty runs outside a distribution.
   */
  static List<InstallFile> distribution(PluginContext ctx) {
    Optional<Path> dist = ctx.distribution();
    if (dist.isEmpty()) {
      return List.of();
    }
    List<Path> files = new ArrayList<>();
    files.add(dist.get().resolve("bin").resolve("booty"));
    files.add(dist.get().resolve("bin").resolve("find-jdk"));
    Path lib = dist.get().resolve("lib");
    try (Stream<Path> jars = Files.list(lib)) {
      jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list booty's distribution in " + lib, e);
    }
    StringBuilder all = new StringBuilder();
    for (Path f : files) {
      all.append(dist.get().relativize(f)).append(' ').append(SshConnection.sha256(f)).append('\n');
    }
    String root =
        DIST
            + "/"
            + SshConnection.sha256(all.toString().getBytes(StandardCharsets.UTF_8))
                .substring(0, 12);
    return files.stream()
        .map(
            f ->
                new InstallFile(
                    f,
                    root + "/" + dist.get().relativize(f).toString().replace('\\', '/'),
                    f.getParent().endsWith("bin") ? 0755 : 0644))
        .toList();
  }

  /** The launcher among {@link #distribution} files (relative to the install root), if any. */
  static Optional<String> launcher(List<InstallFile> distribution) {
    return distribution.stream()
        .map(InstallFile::path)
        .filter(p -> p.endsWith("/bin/booty"))
        .findFirst();
  }

  /** The folder under the install root that holds copies of booty's distribution. */
  static final String DIST = "dist";

  /** The file's place under the install root: its place under booty's home. */
  static String relative(Path home, Path binary, String component) {
    Path abs = binary.toAbsolutePath().normalize();
    Path root = home.toAbsolutePath().normalize();
    if (!abs.startsWith(root)) {
      throw new IllegalStateException(
          component + " at " + binary + " is not under booty's home " + home + "; reinstall it");
    }
    return root.relativize(abs).toString().replace('\\', '/');
  }

  static long bytes(List<InstallFile> files) {
    long sum = 0;
    for (InstallFile f : files) {
      try {
        sum += Files.size(f.local());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f.local(), e);
      }
    }
    return sum;
  }

  private static InstallFile active(PluginContext ctx, String component) {
    Path binary =
        ctx.binary(component)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        component + " is not installed; run 'booty install " + component + "'"));
    return file(ctx, component, binary);
  }

  private static InstallFile file(PluginContext ctx, String component, Path binary) {
    return new InstallFile(binary, relative(ctx.home(), binary, component), 0755);
  }
}

package dev.booty.plugins.ssh;

import dev.booty.api.PluginContext;
import dev.booty.plugins.ssh.HostInstall.InstallFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

package dev.booty.dev;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import dev.booty.cli.CliContext;
import dev.booty.cli.GlobalOptions;
import dev.booty.cli.Table;
import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.install.InstallOptions;
import dev.booty.core.install.InstallResult;
import dev.booty.core.install.InstalledVersion;
import dev.booty.core.install.Installer;
import dev.booty.core.install.Progress;
import dev.booty.core.install.SourceKind;
import dev.booty.core.manifest.ComponentRef;
import dev.booty.core.manifest.ComponentSpec;
import dev.booty.core.manifest.Manifest;
import dev.booty.core.manifest.ManifestLoader;
import dev.booty.core.manifest.Platform;
import dev.booty.core.source.ReleasePublisher;
import dev.booty.core.util.FileTrees;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Times a cold install per source into fresh temporary homes: a download from a loopback release
 * mirror (a real archive of the installed binary), a Go module build, and the no-op of an already
 * installed version; then prints the sizes of the homes.
 */
@Command(
    name = "install",
    description = {
      "Time cold installs per source (loopback release mirror, Go build, already installed) and"
          + " print the booty home sizes. The binary published on the loopback mirror is taken"
          + " from the booty home, so install the component first."
    })
final class InstallBench implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin GlobalOptions global;

  @Option(names = "--component", description = "component to measure (default: ${DEFAULT-VALUE})")
  String component = "nats-server";

  @Option(
      names = "--skip-go",
      description = "leave out the Go build (it takes minutes for big modules)")
  boolean skipGo;

  InstallBench(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    Manifest manifest = ManifestLoader.load(global.manifest, ctx.env());
    ComponentSpec spec = manifest.component(component);
    BootyHome userHome = BootyHome.resolve(global.home, ctx.env());
    ComponentStore userStore = new ComponentStore(userHome);
    String version =
        userStore
            .active(component)
            .orElseThrow(
                () ->
                    BootyException.failure(
                        component
                            + " is not installed in "
                            + userHome.root()
                            + "; run 'booty install "
                            + component
                            + "' first"));
    InstalledVersion installed = userStore.find(component, version).orElseThrow();

    Path work = Files.createTempDirectory("booty-bench-");
    HttpServer server = null;
    try {
      Path site = work.resolve("site");
      ReleasePublisher.publish(
          spec, version, Platform.current(), userStore.binary(installed), site);
      server =
          SimpleFileServer.createFileServer(
              new InetSocketAddress("127.0.0.1", 0), site, SimpleFileServer.OutputLevel.NONE);
      server.start();
      String base = "http://127.0.0.1:" + server.getAddress().getPort();

      Table t = new Table("CASE", "SOURCE", "SECONDS", "HOME SIZE");
      ComponentRef ref = new ComponentRef(component, version);
      Path releaseHome = work.resolve("home-release");
      InstallResult r =
          time(
              releaseHome,
              manifest,
              new InstallOptions(SourceKind.RELEASE, null, base, false),
              ref);
      t.row("cold install, loopback release mirror", r.source(), secs(r), mb(releaseHome));
      InstallResult again = time(releaseHome, manifest, InstallOptions.defaults(), ref);
      t.row("already installed (no-op)", again.status(), secs(again), mb(releaseHome));
      if (!skipGo && spec.sources().go() != null) {
        Path goHome = work.resolve("home-go");
        InstallResult g =
            time(goHome, manifest, new InstallOptions(SourceKind.GO, null, null, false), ref);
        t.row("cold install, Go module build (warm Go caches)", g.source(), secs(g), mb(goHome));
      }
      ctx.out()
          .println("bench install: " + component + " " + version + " on " + Platform.current());
      t.print(ctx.out());
      ctx.out().println("booty home " + userHome.root() + ": " + mb(userHome.root()));
      return 0;
    } finally {
      if (server != null) {
        server.stop(0);
      }
      FileTrees.deleteRecursively(work);
    }
  }

  private InstallResult time(
      Path home, Manifest manifest, InstallOptions options, ComponentRef ref) {
    List<dev.booty.core.install.Fetcher> fetchers = options.fetchers(ctx.env());
    Installer installer =
        new Installer(
            new ComponentStore(new BootyHome(home)), manifest, fetchers, Progress.silent());
    return installer.install(ref);
  }

  private static String secs(InstallResult r) {
    return String.format("%.3f", r.seconds());
  }

  private static String mb(Path p) throws java.io.IOException {
    return String.format("%.1f MB", FileTrees.size(p) / 1e6);
  }
}

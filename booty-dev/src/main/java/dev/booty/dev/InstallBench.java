package dev.booty.dev;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.Main;
import dev.booty.cli.Table;
import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.install.InstallResult;
import dev.booty.core.install.InstalledVersion;
import dev.booty.core.install.Installer;
import dev.booty.core.manifest.ComponentRef;
import dev.booty.core.manifest.ComponentSpec;
import dev.booty.core.manifest.Manifest;
import dev.booty.core.manifest.ManifestLoader;
import dev.booty.core.manifest.Platform;
import dev.booty.core.source.ReleasePublisher;
import dev.booty.core.source.SourceKind;
import dev.booty.core.source.Sources;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Progress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times a cold install per source into fresh temporary homes: a download from a loopback release
 * mirror (a real archive of the installed binary), a Go module build, a Go install served from
 * booty's build cache, and the no-op of an already installed version; then prints home sizes.
 */
@Command(
    name = "install",
    description = {
      "Time cold installs per source (loopback release mirror, Go build, booty's Go build cache,"
          + " already installed) and print the booty home sizes. The binary published on the"
          + " loopback mirror is taken from the booty home, so install the component first."
    })
final class InstallBench extends BaseCommand {
  @Option(names = "--component", description = "component to measure (default: ${DEFAULT-VALUE})")
  String component = "nats-server";

  @Option(names = "--skip-go", description = "leave out the Go build (minutes for big modules)")
  boolean skipGo;

  InstallBench(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
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
    ComponentRef ref = new ComponentRef(component, version);

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
      Path releaseHome = work.resolve("home-release");
      InstallResult r =
          time(releaseHome, manifest, options(SourceKind.RELEASE, base), ref, ctx.env());
      t.row("cold install, loopback release mirror", r.source(), secs(r), mb(releaseHome));
      InstallResult again = time(releaseHome, manifest, Sources.defaults(), ref, ctx.env());
      t.row("already installed, in-process", again.status(), secs(again), mb(releaseHome));
      t.row(
          "already installed, fresh JVM (end to end)",
          "already-installed",
          String.format("%.3f", noOpInFreshJvm(releaseHome, ref)),
          mb(releaseHome));
      if (!skipGo && spec.sources().go() != null) {
        Map<String, String> noCache = new HashMap<>(ctx.env());
        noCache.put("BOOTY_GO_CACHE", "off");
        Path goHome = work.resolve("home-go");
        InstallResult g = time(goHome, manifest, options(SourceKind.GO, null), ref, noCache);
        t.row(
            "cold install, Go module build (Go's own caches as they are)",
            g.source(),
            secs(g),
            mb(goHome));
        Map<String, String> coldCompile = new HashMap<>(noCache);
        coldCompile.put("GOCACHE", work.resolve("gocache").toString());
        Path coldHome = work.resolve("home-go-cold");
        InstallResult cold =
            time(coldHome, manifest, options(SourceKind.GO, null), ref, coldCompile);
        t.row(
            "cold install, Go module build, empty Go build cache",
            cold.source(),
            secs(cold),
            mb(coldHome));
        Path cachedHome = work.resolve("home-go-cached");
        InstallResult c = time(cachedHome, manifest, options(SourceKind.GO, null), ref, ctx.env());
        t.row(
            "cold install, Go source served by booty's build cache",
            c.source(),
            secs(c),
            mb(cachedHome));
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

  private static Sources options(SourceKind only, String releaseBase) {
    return new Sources(only, null, releaseBase, false);
  }

  private static InstallResult time(
      Path home, Manifest manifest, Sources options, ComponentRef ref, Map<String, String> env) {
    Installer installer =
        new Installer(
            new ComponentStore(new BootyHome(home)),
            manifest,
            options.fetchers(env),
            Progress.silent());
    return installer.install(ref);
  }

  /**
   * Seconds for {@code booty install REF} in a new JVM on a home that has it: what a user waits.
   */
  private static double noOpInFreshJvm(Path home, ComponentRef ref) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "install",
                "--quiet",
                "--home",
                home.toString(),
                ref.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    long start = System.nanoTime();
    int code = pb.start().waitFor();
    if (code != 0) {
      throw BootyException.failure("the no-op install in a fresh JVM exited " + code);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static String secs(InstallResult r) {
    return String.format("%.3f", r.seconds());
  }

  private static String mb(Path p) throws IOException {
    return String.format("%.1f MB", FileTrees.size(p) / 1e6);
  }
}

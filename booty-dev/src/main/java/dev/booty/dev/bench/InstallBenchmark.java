package dev.booty.dev.bench;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import dev.booty.cli.Main;
import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.install.InstallResult;
import dev.booty.core.install.InstalledVersion;
import dev.booty.core.install.Installer;
import dev.booty.core.manifest.ComponentRef;
import dev.booty.core.manifest.ComponentSpec;
import dev.booty.core.manifest.Manifest;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Times a cold install per source into fresh temporary homes: a download from a loopback release
 * mirror (a real archive of the installed binary), a Go module build, a Go install served from
 * booty's build cache, and the no-op of an already installed version; and measures home sizes. The
 * binary published on the mirror is the one installed in the user's home.
 */
public final class InstallBenchmark {
  private final Manifest manifest;
  private final BootyHome userHome;
  private final Map<String, String> env;
  private final Settings settings;

  /** The component to measure; whether to leave out the Go builds. */
  public record Settings(String component, boolean skipGo) {}

  /** One case: how the install went, its seconds and the size of its home afterwards. */
  public record Case(String name, String source, double seconds, long homeBytes) {}

  /** The version measured, the cases in order, the size of the user's home. */
  public record Result(String version, List<Case> cases, long userHomeBytes) {}

  public InstallBenchmark(
      Manifest manifest, BootyHome userHome, Map<String, String> env, Settings settings) {
    this.manifest = manifest;
    this.userHome = userHome;
    this.env = env;
    this.settings = settings;
  }

  public Result run() throws Exception {
    String component = settings.component();
    ComponentSpec spec = manifest.component(component);
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

      List<Case> cases = new ArrayList<>();
      Path releaseHome = work.resolve("home-release");
      InstallResult r = time(releaseHome, options(SourceKind.RELEASE, base), ref, env);
      cases.add(done("cold install, loopback release mirror", r.source(), r, releaseHome));
      InstallResult again = time(releaseHome, Sources.defaults(), ref, env);
      cases.add(done("already installed, in-process", again.status(), again, releaseHome));
      cases.add(
          new Case(
              "already installed, fresh JVM (end to end)",
              "already-installed",
              noOpInFreshJvm(releaseHome, ref),
              FileTrees.size(releaseHome)));
      if (!settings.skipGo() && spec.sources().go() != null) {
        Map<String, String> noCache = new HashMap<>(env);
        noCache.put("BOOTY_GO_CACHE", "off");
        Path goHome = work.resolve("home-go");
        InstallResult g = time(goHome, options(SourceKind.GO, null), ref, noCache);
        cases.add(
            done(
                "cold install, Go module build (Go's own caches as they are)",
                g.source(),
                g,
                goHome));
        Map<String, String> coldCompile = new HashMap<>(noCache);
        coldCompile.put("GOCACHE", work.resolve("gocache").toString());
        Path coldHome = work.resolve("home-go-cold");
        InstallResult cold = time(coldHome, options(SourceKind.GO, null), ref, coldCompile);
        cases.add(
            done(
                "cold install, Go module build, empty Go build cache",
                cold.source(),
                cold,
                coldHome));
        Path cachedHome = work.resolve("home-go-cached");
        InstallResult c = time(cachedHome, options(SourceKind.GO, null), ref, env);
        cases.add(
            done(
                "cold install, Go source served by booty's build cache",
                c.source(),
                c,
                cachedHome));
      }
      return new Result(version, cases, FileTrees.size(userHome.root()));
    } finally {
      if (server != null) {
        server.stop(0);
      }
      FileTrees.deleteRecursively(work);
    }
  }

  private static Case done(String name, String source, InstallResult r, Path home)
      throws IOException {
    return new Case(name, source, r.seconds(), FileTrees.size(home));
  }

  private static Sources options(SourceKind only, String releaseBase) {
    return new Sources(only, null, releaseBase, false);
  }

  private InstallResult time(
      Path home, Sources options, ComponentRef ref, Map<String, String> env) {
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
}

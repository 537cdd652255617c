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
      Sources release = options(SourceKind.RELEASE, base);
      cases.add(time("cold install, loopback release mirror", releaseHome, release, ref, env));
      InstallResult again = install(releaseHome, Sources.defaults(), ref, env);
      cases.add(
          new Case(
              "already installed, in-process",
              again.status(),
              again.seconds(),
              FileTrees.size(releaseHome)));
      cases.add(
          new Case(
              "already installed, fresh JVM (end to end)",
              "already-installed",
              noOpInFreshJvm(releaseHome, ref),
              FileTrees.size(releaseHome)));
      if (!settings.skipGo() && spec.sources().go() != null) {
        Sources go = options(SourceKind.GO, null);
        Map<String, String> noCache = with(env, "BOOTY_GO_CACHE", "off");
        cases.add(
            time(
                "cold install, Go module build (Go's own caches as they are)",
                work.resolve("home-go"),
                go,
                ref,
                noCache));
        cases.add(
            time(
                "cold install, Go module build, empty Go build cache",
                work.resolve("home-go-cold"),
                go,
                ref,
                with(noCache, "GOCACHE", work.resolve("gocache").toString())));
        cases.add(
            time(
                "cold install, Go source served by booty's build cache",
                work.resolve("home-go-cached"),
                go,
                ref,
                env));
      }
      return new Result(version, cases, FileTrees.size(userHome.root()));
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

  /** {@code env} with {@code name} set to {@code value}. */
  private static Map<String, String> with(Map<String, String> env, String name, String value) {
    Map<String, String> out = new HashMap<>(env);
    out.put(name, value);
    return out;
  }

  /** A case: {@code ref} installed into {@code home}, named by the source that served it. */
  private Case time(
      String name, Path home, Sources options, ComponentRef ref, Map<String, String> env)
      throws IOException {
    InstallResult r = install(home, options, ref, env);
    return new Case(name, r.source(), r.seconds(), FileTrees.size(home));
  }

  private InstallResult install(
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

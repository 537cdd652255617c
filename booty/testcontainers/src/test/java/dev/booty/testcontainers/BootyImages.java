package dev.booty.testcontainers;

import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentManager;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.install.InstalledVersion;
import dev.booty.core.manifest.ComponentRef;
import dev.booty.core.manifest.ManifestLoader;
import dev.booty.core.source.Sources;
import dev.booty.core.stack.ImageBuilder;
import dev.booty.core.stack.PodmanService;
import dev.booty.core.stack.StackController;
import dev.booty.core.util.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The images the tests run, made the way a developer makes them ({@code booty image build}):
 * booty's installer puts the manifest's default nats-server and toxiproxy into a booty home under
 * {@code target/} (a Go build the first time, cached in ~/.cache/booty after that, as booty-core's
 * TestBinaries), and booty's {@link ImageBuilder} builds {@code localhost/booty/NAME:VERSION}.
 * Nothing is done when the image is there already.
 */
final class BootyImages {
  /** What booty's PodmanService writes: runc, and ulimits these machines permit. */
  static final String CONTAINERS_CONF =
      """
      [containers]
      default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]

      [engine]
      runtime = "runc"
      """;

  private static final Map<String, String> TAGS = new HashMap<>();

  private BootyImages() {}

  static String nats() {
    return tag("nats-server");
  }

  static String toxiproxy() {
    return tag("toxiproxy");
  }

  static synchronized String tag(String component) {
    String version = ManifestLoader.builtIn().component(component).defaultVersion();
    return "localhost/booty/" + component + ":" + version;
  }

  /** Builds the two images when missing; {@code dir} holds the booty home used for it. */
  static synchronized void ensure(Path dir) throws IOException, InterruptedException {
    for (String component : List.of("nats-server", "toxiproxy")) {
      String tag = tag(component);
      if (TAGS.containsKey(tag) || exists(tag)) {
        TAGS.put(tag, component);
        continue;
      }
      Map<String, String> env = new HashMap<>(System.getenv());
      env.put(BootyHome.ENV, dir.resolve("booty-home").toString());
      env.remove(ManifestLoader.ENV);
      BootyHome home = BootyHome.resolve(null, env);
      ComponentStore store = new ComponentStore(home);
      ComponentManager manager = new ComponentManager(ManifestLoader.builtIn(), store, env);
      var result =
          manager
              .installer(Sources.defaults(), Progress.silent())
              .install(ComponentRef.parse(component));
      InstalledVersion v =
          store
              .find(component, result.version())
              .orElseThrow(
                  () -> new IllegalStateException(component + " installed but not in " + home));
      ImageBuilder.build(
          new StackController(home, store, Map.of()).context(),
          v,
          line -> System.out.println("[images] " + line));
      if (!exists(tag)) {
        throw new IllegalStateException("booty built " + tag + " but podman does not list it");
      }
      TAGS.put(tag, component);
    }
    // what a scenario without a nats-server version runs
    for (String component : List.of("nats-server", "toxiproxy")) {
      String latest = "localhost/booty/" + component + ":latest";
      if (!exists(latest)) {
        podman("tag", tag(component), latest);
      }
    }
  }

  private static boolean exists(String tag) throws IOException, InterruptedException {
    return podman("image", "exists", tag) == 0;
  }

  private static int podman(String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(PodmanService.binary().orElseThrow().toString());
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    return p.waitFor();
  }
}

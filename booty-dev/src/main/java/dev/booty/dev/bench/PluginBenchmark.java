package dev.booty.dev.bench;

import dev.booty.api.ChaosMode;
import dev.booty.api.ChaosMode.FaultSpec;
import dev.booty.cli.CliContext;
import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.core.plugin.remote.ExecDescriptor;
import dev.booty.core.plugin.remote.ExecPlugin;
import dev.booty.core.plugin.remote.PluginProcess;
import dev.booty.core.plugin.remote.RemoteChaosMode;
import dev.booty.core.plugin.remote.RemotePlugins;
import dev.booty.core.util.FileTrees;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The cost of running a plugin out of process (docs/design/out-of-process-plugins.md, section 11):
 * the same chaos mode, the example plugin {@code hello-chaos}, called in booty's JVM (its jars in a
 * class loader under booty's, so both share booty-api) and through gRPC as booty runs executable
 * plugins ({@link RemotePlugins}, {@link RemoteChaosMode}: mutual TLS, a token per call, a
 * deadline); {@code inject} makes one {@code Host.Progress} callback. Then cold starts of its
 * process, with its {@code plugin.yaml}'s JVM flags and without them. One plugin process at a time,
 * in a temporary home deleted at the end.
 */
public final class PluginBenchmark {
  public static final String NAME = "bench-plugins";

  /** Where the example plugin is built, relative to the repository. */
  public static final String PLUGIN_DIR = "plugins/examples/hello-chaos/target/hello-chaos";

  public static final String BUILD =
      "mvn -B -ntp -o -pl plugins/examples/hello-chaos -am -DskipTests package";
  static final String MODE_CLASS = "dev.booty.examples.hello.HelloChaos";
  static final String MODE = "hello";
  static final String IN_PROCESS = "in process";
  static final String GRPC = "gRPC";

  /** The quick-start JVM flags compared in the cold-start rows. */
  static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto");

  /** One target, so {@code inject} makes exactly one progress callback. */
  static final FaultSpec FAULT = new FaultSpec(List.of("london"), null, Map.of());

  private final CliContext ctx;
  private final Settings settings;

  /**
   * What to run.
   *
   * @param plugin the built hello-chaos folder ({@code plugin.yaml} + {@code lib/}); null: {@link
   *     #PLUGIN_DIR} found from the working directory or booty's launcher upwards
   * @param warmUp uncounted calls of each kind and side before the measured ones
   * @param calls measured {@code prepare} calls per side
   * @param injects measured {@code inject} calls per side (after {@code warmUp / 4} uncounted)
   * @param starts measured cold starts per variant (after one uncounted)
   */
  public record Settings(Path plugin, int warmUp, int calls, int injects, int starts) {}

  /**
   * One row of figures, in microseconds.
   *
   * @param perSecond calls per second over the measured loop; null for starts
   */
  public record Row(
      String what,
      String how,
      long count,
      double p50Micros,
      double p99Micros,
      double maxMicros,
      Double perSecond) {

    /** A row from a histogram of nanoseconds; {@code seconds} the loop took, or null. */
    static Row of(String what, String how, Histogram nanos, Double seconds) {
      long n = nanos.getTotalCount();
      return new Row(
          what,
          how,
          n,
          nanos.getValueAtPercentile(50) / 1000.0,
          nanos.getValueAtPercentile(99) / 1000.0,
          nanos.getMaxValue() / 1000.0,
          seconds == null || seconds <= 0 ? null : n / seconds);
    }
  }

  /**
   * Everything measured.
   *
   * @param bootyJvm booty's own JVM flags ({@code -X...}), as they shape the in-process side
   * @param progressExpected the progress lines each side's injects should have delivered
   * @param progressInProcess those the in-process side delivered
   * @param progressRemote those that reached booty through {@code Host.Progress}
   */
  public record Result(
      Path plugin,
      String version,
      List<String> command,
      List<String> bootyJvm,
      List<Row> calls,
      List<Row> starts,
      long progressExpected,
      long progressInProcess,
      long progressRemote) {
    /** Every progress callback reached booty, on both sides. */
    public boolean complete() {
      return progressInProcess == progressExpected && progressRemote == progressExpected;
    }
  }

  public PluginBenchmark(CliContext ctx, Settings settings) {
    this.ctx = ctx;
    this.settings = settings;
  }

  public Result run() throws Exception {
    Path folder = locate(settings.plugin(), searchStarts());
    ExecDescriptor d = ExecDescriptor.load(folder.resolve(ExecDescriptor.FILE));
    if (!d.chaos().contains(MODE)) {
      throw BootyException.usage(
          d.file() + ": extensions.chaos: " + d.chaos() + " lacks '" + MODE + "'; " + rebuild());
    }
    Path home = Files.createTempDirectory("booty-" + NAME + "-");
    try {
      List<Row> calls = new ArrayList<>();
      CountingChaosContext local = new CountingChaosContext(home);
      CountingChaosContext remote = new CountingChaosContext(home);
      try (URLClassLoader loader = classLoader(folder)) {
        ChaosMode mode = inProcess(loader, folder);
        progress("in process: " + MODE_CLASS + " from " + folder.resolve("lib"));
        calls.addAll(measure(mode, local, IN_PROCESS));
      }
      try (RemotePlugins plugins = new RemotePlugins(new BootyHome(home))) {
        ExecPlugin plugin = plugins.plugin(d.spec(), d.callTimeout());
        progress("out of process: starting " + String.join(" ", d.resolvedCommand()));
        plugin.process();
        calls.addAll(measure(new RemoteChaosMode(plugin, MODE), remote, GRPC));
      }
      List<Row> starts = new ArrayList<>();
      starts.addAll(starts(home, d, d.resolvedCommand(), "as plugin.yaml"));
      List<String> other = toggled(d.resolvedCommand());
      boolean had = other.size() < d.resolvedCommand().size();
      starts.addAll(
          starts(home, d, other, (had ? "without " : "with ") + String.join(" ", QUICK_START)));
      long expected = (long) settings.injects() + injectWarmUp();
      return new Result(
          folder,
          d.version(),
          d.resolvedCommand(),
          bootyJvm(),
          calls,
          starts,
          expected,
          local.progressLines(),
          remote.progressLines());
    } finally {
      FileTrees.deleteRecursively(home);
    }
  }

  /** prepare and inject rows for one side, {@code how} it is called. */
  private List<Row> measure(ChaosMode mode, CountingChaosContext context, String how)
      throws Exception {
    progress(
        how
            + ": "
            + settings.calls()
            + " prepare after "
            + settings.warmUp()
            + " uncounted, "
            + settings.injects()
            + " inject after "
            + injectWarmUp());
    Map<String, String> record = mode.prepare(FAULT, context);
    Row prepare =
        timed(
            "prepare",
            how,
            settings.warmUp(),
            settings.calls(),
            () -> {
              if (!record.equals(mode.prepare(FAULT, context))) {
                throw new IllegalStateException("prepare answered another record");
              }
            });
    // the mode prints a line on stderr per inject: in process that is booty's own stderr
    PrintStream err = System.err;
    System.setErr(new PrintStream(java.io.OutputStream.nullOutputStream()));
    try {
      Row inject =
          timed(
              "inject (1 Host.Progress)",
              how,
              injectWarmUp(),
              settings.injects(),
              () -> mode.inject(FAULT, record, context));
      return List.of(prepare, inject);
    } finally {
      System.setErr(err);
    }
  }

  private int injectWarmUp() {
    return settings.warmUp() / 4;
  }

  /** {@code warmUp} uncounted runs of {@code step}, then {@code count} timed ones. */
  static Row timed(String what, String how, int warmUp, int count, Bench.Step step)
      throws Exception {
    for (int i = 0; i < warmUp; i++) {
      step.run();
    }
    Histogram h = new Histogram(3);
    long loop = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      step.run();
      h.recordValue(System.nanoTime() - start);
    }
    return Row.of(what, how, h, (System.nanoTime() - loop) / 1e9);
  }

  /**
   * Cold starts of the plugin with {@code command}: one uncounted (booty's plugin CA and Host
   * server are made then), then {@link Settings#starts} each from {@link ExecPlugin#process} (a TLS
   * leaf for the start, {@code setsid} launch, handshake line, health, {@code Describe}) to its
   * return; the plugin is stopped after each.
   */
  private List<Row> starts(Path home, ExecDescriptor d, List<String> command, String how) {
    progress(settings.starts() + " cold starts, " + how + ": " + String.join(" ", command));
    Histogram handshake = new Histogram(3);
    Histogram ready = new Histogram(3);
    var spec = new PluginProcess.Spec(d.id(), d.folder(), command, d.startTimeout(), d.file());
    try (RemotePlugins plugins = new RemotePlugins(new BootyHome(home))) {
      ExecPlugin plugin = plugins.plugin(spec, d.callTimeout());
      for (int i = 0; i <= settings.starts(); i++) {
        long start = System.nanoTime();
        PluginProcess p = plugin.process();
        long nanos = System.nanoTime() - start;
        if (i > 0) {
          handshake.recordValue(p.handshakeTime().toNanos());
          ready.recordValue(nanos);
        }
        plugin.close();
      }
    }
    return List.of(
        Row.of("start: launch to handshake line", how, handshake, null),
        Row.of("start: to Describe answered", how, ready, null));
  }

  /** {@code command} without the {@link #QUICK_START} flags, or with them after java if absent. */
  static List<String> toggled(List<String> command) {
    if (command.containsAll(QUICK_START)) {
      return command.stream().filter(a -> !QUICK_START.contains(a)).toList();
    }
    List<String> out = new ArrayList<>(command);
    out.addAll(1, QUICK_START);
    return out;
  }

  /** The mode's class from the folder's jars, in a loader whose parent is booty's. */
  private static ChaosMode inProcess(URLClassLoader loader, Path folder) throws Exception {
    Class<?> type;
    try {
      type = loader.loadClass(MODE_CLASS);
    } catch (ClassNotFoundException e) {
      throw BootyException.usage(
          "no class " + MODE_CLASS + " in " + folder.resolve("lib") + "/*.jar; " + rebuild());
    }
    if (type.getClassLoader() != loader) {
      throw BootyException.failure(
          MODE_CLASS
              + " came from booty's own class path, not "
              + folder.resolve("lib")
              + ": the in-process side would not run the plugin's jar");
    }
    if (!ChaosMode.class.isAssignableFrom(type)) {
      throw BootyException.usage(
          MODE_CLASS
              + " in "
              + folder.resolve("lib")
              + " is no ChaosMode of this booty's API (booty-api loaded twice?)");
    }
    ChaosMode mode = (ChaosMode) type.getDeclaredConstructor().newInstance();
    if (!MODE.equals(mode.id())) {
      throw BootyException.usage(MODE_CLASS + " says its mode is '" + mode.id() + "', not " + MODE);
    }
    return mode;
  }

  private static URLClassLoader classLoader(Path folder) throws IOException {
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder.resolve("lib"))) {
      for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(jar.toUri().toURL());
      }
    } catch (java.nio.file.NoSuchFileException e) {
      throw BootyException.usage(folder + " has no lib/ folder; " + rebuild());
    }
    return new URLClassLoader(
        "hello-chaos", jars.toArray(URL[]::new), PluginBenchmark.class.getClassLoader());
  }

  /** Where to look for {@link #PLUGIN_DIR}: the working directory, then booty's launcher. */
  private static List<Path> searchStarts() {
    List<Path> out = new ArrayList<>();
    out.add(Path.of("").toAbsolutePath());
    String launcher = System.getProperty("booty.launcher");
    if (launcher != null) {
      out.add(Path.of(launcher).toAbsolutePath().getParent());
    }
    return out;
  }

  /**
   * The plugin folder: {@code explicit} when given, else the first {@link #PLUGIN_DIR} found in one
   * of {@code starts} or their parents.
   *
   * @throws BootyException (usage) naming where it looked and the command that builds it
   */
  static Path locate(Path explicit, List<Path> starts) {
    if (explicit != null) {
      if (!ExecDescriptor.isPluginFolder(explicit)) {
        throw BootyException.usage(
            "--plugin " + explicit + ": no " + ExecDescriptor.FILE + " there; " + rebuild());
      }
      return explicit.toAbsolutePath();
    }
    for (Path start : starts) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve(PLUGIN_DIR);
        if (ExecDescriptor.isPluginFolder(candidate)) {
          return candidate;
        }
      }
    }
    throw BootyException.usage(
        "the example plugin hello-chaos is not built: no "
            + PLUGIN_DIR
            + "/"
            + ExecDescriptor.FILE
            + " in "
            + String.join(" or ", starts.stream().map(Path::toString).toList())
            + " or a parent; build it with '"
            + BUILD
            + "' (or 'make build') in the repository, or name a built folder with --plugin PATH");
  }

  /**
   * Where the JSON report goes: {@link PluginBenchReport#FILE} in the repository the plugin folder
   * was built in, or under the working directory for a folder elsewhere.
   */
  public static Path reportFile(Path plugin) {
    Path root = Path.of("").toAbsolutePath();
    Path built = Path.of(PLUGIN_DIR);
    if (plugin.endsWith(built)) {
      root = plugin;
      for (int i = 0; i < built.getNameCount(); i++) {
        root = root.getParent();
      }
    }
    return root.resolve(PluginBenchReport.FILE);
  }

  private static String rebuild() {
    return "build it with '" + BUILD + "' (folder " + PLUGIN_DIR + ")";
  }

  private static List<String> bootyJvm() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-X"))
        .toList();
  }

  private void progress(String line) {
    Bench.progress(ctx.err(), line);
  }
}

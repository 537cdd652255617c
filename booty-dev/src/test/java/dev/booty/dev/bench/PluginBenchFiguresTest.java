package dev.booty.dev.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.booty.core.BootyException;
import dev.booty.dev.bench.PluginBenchmark.Result;
import dev.booty.dev.bench.PluginBenchmark.Row;
import dev.booty.dev.bench.PluginBenchmark.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PluginBenchmark}'s figures, where it finds the plugin, and its report, without a run. */
class PluginBenchFiguresTest {
  @TempDir Path dir;

  @Test
  void rowsAreMicrosecondsFromNanosecondHistograms() throws Exception {
    Histogram h = new Histogram(3);
    for (int micros = 1; micros <= 100; micros++) {
      h.recordValue(micros * 1000L);
    }
    Row row = Row.of("prepare", "gRPC", h, 0.5);
    assertThat(row.count()).isEqualTo(100);
    assertThat(row.p50Micros()).isCloseTo(50, within(0.1));
    assertThat(row.p99Micros()).isCloseTo(99, within(0.1));
    assertThat(row.maxMicros()).isCloseTo(100, within(0.1));
    assertThat(row.perSecond()).isEqualTo(200.0);
    assertThat(Row.of("start", "as plugin.yaml", h, null).perSecond()).isNull();

    AtomicInteger runs = new AtomicInteger();
    Row timed = PluginBenchmark.timed("inject", "in process", 7, 30, runs::incrementAndGet);
    assertThat(runs).hasValue(37);
    assertThat(timed.count()).isEqualTo(30);
    assertThat(timed.perSecond()).isPositive();
    assertThat(timed.maxMicros()).isGreaterThanOrEqualTo(timed.p50Micros());
  }

  @Test
  void theColdStartVariantDropsOrAddsTheQuickStartFlags() {
    List<String> declared =
        List.of("/jdk/bin/java", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", "lib/*", "M");
    assertThat(PluginBenchmark.toggled(declared))
        .containsExactly("/jdk/bin/java", "-cp", "lib/*", "M");
    assertThat(PluginBenchmark.toggled(List.of("/jdk/bin/java", "-cp", "lib/*", "M")))
        .containsExactly(
            "/jdk/bin/java", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", "lib/*", "M");
  }

  @Test
  void findsTheBuiltPluginUpwardsOrSaysHowToBuildIt() throws Exception {
    Path built = Files.createDirectories(dir.resolve(PluginBenchmark.PLUGIN_DIR));
    Path deep = Files.createDirectories(dir.resolve("booty-dev/target"));
    assertThatThrownBy(() -> PluginBenchmark.locate(null, List.of(deep)))
        .isInstanceOf(BootyException.class)
        .hasMessageContaining(
            "the example plugin hello-chaos is not built: no "
                + PluginBenchmark.PLUGIN_DIR
                + "/plugin.yaml in "
                + deep)
        .hasMessageContaining("build it with '" + PluginBenchmark.BUILD + "'")
        .hasMessageContaining("--plugin PATH");
    Files.writeString(built.resolve("plugin.yaml"), "id: hello-chaos\n");
    assertThat(PluginBenchmark.locate(null, List.of(deep))).isEqualTo(built);
    assertThat(PluginBenchmark.reportFile(built))
        .isEqualTo(dir.resolve("booty-dev/target/bench-plugins.json"));
    assertThat(PluginBenchmark.locate(built, List.of())).isEqualTo(built);
    assertThatThrownBy(() -> PluginBenchmark.locate(deep, List.of()))
        .hasMessageStartingWith("--plugin " + deep + ": no plugin.yaml there; build it with");
  }

  @Test
  void theContextCountsProgressAndRefusesToAct() {
    CountingChaosContext c = new CountingChaosContext(dir);
    c.plugin().progress("hello london");
    c.plugin().progress("hello dallas");
    assertThat(c.progressLines()).isEqualTo(2);
    assertThat(c.sites()).extracting(s -> s.name()).containsExactly("london", "dallas", "tokyo");
    assertThatThrownBy(() -> c.servers("london", false))
        .hasMessage("bench plugins deploys nothing: a chaos mode under measure called servers");
  }

  @Test
  void reportPrintsCallsByKindTheOverheadAndTheStarts() throws Exception {
    List<Row> calls =
        List.of(
            new Row("prepare", "in process", 20000, 0.5, 4.2, 844.3, 897844.0),
            new Row("inject (1 Host.Progress)", "in process", 5000, 0.6, 5.3, 71.6, 741134.0),
            new Row("prepare", "gRPC", 20000, 706.6, 1760.3, 29327.4, 1330.0),
            new Row("inject (1 Host.Progress)", "gRPC", 5000, 1323.0, 2541.6, 13180.9, 729.0));
    List<Row> starts =
        List.of(
            new Row(
                "start: launch to handshake line",
                "as plugin.yaml",
                10,
                1.27e6,
                1.4e6,
                1.4e6,
                null));
    Result r =
        new Result(
            Path.of("/repo/" + PluginBenchmark.PLUGIN_DIR),
            "0.1.0",
            List.of("java", "-cp", "lib/*", "M"),
            List.of("-XX:+UseSerialGC"),
            calls,
            starts,
            6250,
            6250,
            6249);
    PluginBenchReport report = new PluginBenchReport(new Settings(null, 5000, 20000, 5000, 10), r);
    String text = print(report, false);
    assertThat(text)
        .containsPattern(
            "prepare +in process +20000 +0.5 +4.2 +844.3 +897844\n+prepare +gRPC +20000 +706.6 +1760 +29327 +1330\n+inject")
        .contains("gRPC overhead, prepare: p50 +706.1 µs, p99 +1756 µs")
        .contains("gRPC overhead, inject (1 Host.Progress): p50 +1322 µs, p99 +2536 µs")
        .contains("in process 6250, through Host.Progress 6249, of 6250 each: SOME WERE LOST")
        .containsPattern(
            "start: launch to handshake line +as plugin.yaml +10 +1270000 +1400000 +1400000\n");
    assertThat(r.complete()).isFalse();
    assertThat(print(report, true))
        .contains("\"p50Micros\" : 706.6", "\"perSecond\" : null", "\"hostProgress\" : 6249")
        .contains("\"grpcOverhead\" : [ {");
  }

  private static String print(Report report, boolean json) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      report.write(o, json);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}

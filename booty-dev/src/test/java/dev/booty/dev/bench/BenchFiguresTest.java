package dev.booty.dev.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.dev.bench.BackChannelBenchmark.AgentView;
import dev.booty.dev.bench.BackChannelBenchmark.Figures;
import dev.booty.dev.bench.BackChannelBenchmark.Node;
import dev.booty.dev.bench.DeployBenchmark.Rtt;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmarks' figures and how they are printed, without running a benchmark. */
class BenchFiguresTest {
  @Test
  void formatsAsTheBenchesPrintThem() {
    assertThat(Bench.f2(1.004)).isEqualTo("1.00");
    assertThat(Bench.f2(12.345)).isEqualTo("12.35");
    assertThat(Bench.f0(1499.5)).isEqualTo("1500");
    assertThat(Bench.f2OrUnknown(-1)).isEqualTo("?");
    assertThat(Bench.ms(null, "no reply")).isEqualTo("no reply");
    assertThat(Bench.ms(0.5, "-")).isEqualTo("0.50 ms");
  }

  @Test
  void percentilesByNearestRankAndMedianOfTheMiddleTwo() {
    Figures f = new Figures(5, List.of(4.0, 1.0, 3.0, 2.0));
    assertThat(f.millis()).containsExactly(1.0, 2.0, 3.0, 4.0);
    assertThat(f.percentile(0.5)).isEqualTo(2.0);
    assertThat(f.percentile(0.99)).isEqualTo(4.0);
    assertThat(f.complete()).isFalse();
    assertThat(new Figures(1, List.of()).max()).isNull();
    Rtt rtt = new Rtt("a", "b", "x:1", "y:2", Duration.ofMillis(40), List.of(1.0, 2.0, 4.0, 8.0));
    assertThat(rtt.median()).isEqualTo(3.0);
    assertThat(rtt.min()).isEqualTo(1.0);
  }

  @Test
  void seedListsStartAtEachServerInTurn() {
    assertThat(TestClients.rotated(List.of("a", "b", "c"), 4)).containsExactly("b", "c", "a");
  }

  @Test
  void backChannelReportPrintsEveryTable() throws Exception {
    Figures pings = new Figures(2, List.of(1.0, 3.0));
    BackChannelBenchmark.Result r =
        new BackChannelBenchmark.Result(
            "nats://127.0.0.1:4222",
            List.of(new Node("dallas-1", "dallas")),
            List.of(pings),
            pings,
            new Figures(1, List.of()),
            List.of(new AgentView("dallas-1", "dallas", "ok", 1.5, -3L)),
            null);
    BackChannelReport report =
        new BackChannelReport(
            new BackChannelBenchmark.Settings(Path.of("scenarios/local-3dc.yaml"), 2, 1), r);
    String text = print(report, false);
    assertThat(text)
        .contains(
            "bench backchannel: scenarios/local-3dc.yaml as bench-bc on 127.80.0.0/16, 1 nodes")
        .contains("one at a time, 2 per node after 3 uncounted")
        .containsPattern("dallas-1 +dallas +2/2 +1.00 ms +3.00 ms +3.00 ms")
        .containsPattern("all +2/2 +1.00 ms")
        .containsPattern("1 +0/1 +- +- +-")
        .containsPattern("dallas-1 +dallas +ok +1.50 ms +-3 ms");
    assertThat(r.complete()).isFalse();
    assertThat(print(report, true))
        .contains("\"name\" : \"bench-bc\"", "\"p50Millis\" : 1.0", "\"answered\" : 0")
        .contains("\"agentsError\" : null");
  }

  private static String print(Report report, boolean json) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      report.write(o, json);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}

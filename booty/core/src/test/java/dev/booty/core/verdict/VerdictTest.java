package dev.booty.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.booty.core.BootyException;
import dev.booty.core.ExitCode;
import dev.booty.core.report.RunReport.DcImpact;
import dev.booty.core.report.RunReport.ExpectationResult;
import dev.booty.core.report.RunReport.KindTotals;
import dev.booty.core.report.RunReport.Stat;
import dev.booty.core.report.RunReport.StepReport;
import dev.booty.core.scenario.Expectation;
import dev.booty.core.scenario.Expectation.Comparison;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics a scenario may expect things of, how they are measured and judged. */
class VerdictTest {
  private static final String BASE =
      """
      version: 1
      name: failover
      plugins:
        hosting: local
        cluster: nats
      datacenters:
        - name: london
        - name: amsterdam
        - name: dallas
      wan:
        - between: [london, dallas]
          rtt: 105ms
      """;

  private static final String KNOWN =
      "detect_p50, detect_p99, detect_max, reconnect_p50, reconnect_p99, reconnect_max,"
          + " injection_max, reconnects_max, clients_affected, clients_not_reconnected, clients_off_nearest, messages_lost,"
          + " messages_duplicated, js_lost, js_lost_all, js_duplicated, request_errors,"
          + " client_errors, latency_p99, latency_max, new_clients_off_nearest, dns_resolve_p99,"
          + " dns_answer_change_ms";

  @TempDir Path dir;

  private Scenario load(String yaml) throws Exception {
    Path file = dir.resolve("failover.yaml");
    Files.writeString(file, yaml);
    return ScenarioLoader.load(file);
  }

  @Test
  void everyMetricIsListedWithWhatItMeasures() {
    assertThat(String.join(", ", Verdict.METRICS.keySet())).isEqualTo(KNOWN);
    assertThat(Verdict.METRICS.get("js_lost")).contains("no step faulted");
    assertThat(Verdict.METRICS.values()).allSatisfy(d -> assertThat(d).isNotBlank());
  }

  @Test
  void knownMetricsWithReadableBoundsPass() throws Exception {
    Scenario s =
        load(
            BASE
                + """
                expect:
                  - metric: reconnect_p99
                    below: 5s
                  - metric: js_lost
                    equals: 0
                  - metric: clients_affected
                    above: 2
                  - metric: latency_max
                    below: 1.5m
                """);

    Verdict.check(s);

    assertThat(s.expect()).hasSize(4);
  }

  @Test
  void anUnknownMetricIsRefusedWithItsPathAndTheKnownOnes() throws Exception {
    Scenario s =
        load(
            BASE
                + """
                expect:
                  - metric: reconnect_p99
                    below: 5s
                  - metric: reconnect_p95
                    below: 5s
                """);

    BootyException e = catchThrowableOfType(BootyException.class, () -> Verdict.check(s));

    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(e)
        .hasMessage(
            dir.resolve("failover.yaml")
                + ": expect[1].metric: no metric 'reconnect_p95' (known: "
                + KNOWN
                + ")");
  }

  @Test
  void anUnreadableBoundIsRefusedWithTheKeyItIsUnder() throws Exception {
    Scenario s =
        load(
            BASE
                + """
                expect:
                  - metric: detect_max
                    above: 1h
                """);

    assertThatThrownBy(() -> Verdict.check(s))
        .isInstanceOf(BootyException.class)
        .hasMessage(
            dir.resolve("failover.yaml")
                + ": expect[0].above: '1h' is not a number or a time like 500ms, 5s, 2m");
  }

  @Test
  void boundsAreMillisecondsForTimesAndPlainNumbersOtherwise() {
    assertThat(Verdict.bound("500ms")).isEqualTo(500.0);
    assertThat(Verdict.bound("5s")).isEqualTo(5000.0);
    assertThat(Verdict.bound("1.5s")).isEqualTo(1500.0);
    assertThat(Verdict.bound("2m")).isEqualTo(120_000.0);
    assertThat(Verdict.bound("12")).isEqualTo(12.0);
    assertThat(Verdict.bound("0")).isEqualTo(0.0);
    assertThat(Verdict.bound(" 5 s ")).isEqualTo(5000.0);
    assertThat(Verdict.bound("-1")).isEqualTo(-1.0);
  }

  @Test
  void boundsThatAreNoNumberOrTimeAreRefused() {
    for (String bad : List.of("", "fast", "5 sec", "1h", "5s5", "1,5s", ".5s")) {
      assertThatThrownBy(() -> Verdict.bound(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("'" + bad + "' is not a number or a time like 500ms, 5s, 2m");
    }
  }

  /** A dallas outage that stranded one client and sent one elsewhere than london, then a kill. */
  static List<StepReport> twoSteps() {
    DcImpact londonUntouched =
        new DcImpact(
            "london",
            5,
            0,
            Stat.EMPTY,
            Stat.EMPTY,
            Map.of(),
            "london",
            0,
            0,
            Stat.EMPTY,
            Stat.EMPTY,
            Stat.EMPTY,
            0,
            0);
    DcImpact dallasOut =
        new DcImpact(
            "dallas",
            5,
            5,
            new Stat(5, 3200, 3400, 3400),
            new Stat(4, 4100, 6000, 6200),
            Map.of("london", 3, "amsterdam", 1),
            "london",
            3,
            1,
            Stat.EMPTY,
            Stat.EMPTY,
            Stat.EMPTY,
            0,
            0);
    DcImpact londonKilled =
        new DcImpact(
            "london",
            5,
            2,
            new Stat(2, 150, 180, 180),
            new Stat(2, 900, 950, 950),
            Map.of("london", 2),
            "london",
            2,
            0,
            Stat.EMPTY,
            Stat.EMPTY,
            Stat.EMPTY,
            0,
            0);
    return List.of(
        new StepReport(
            1,
            "dc-outage",
            List.of("dallas"),
            Map.of(),
            "2025-03-01T10:00:30Z",
            "2025-03-01T10:01:00Z",
            List.of("dallas"),
            List.of(londonUntouched, dallasOut),
            null,
            null,
            null,
            List.of()),
        new StepReport(
            2,
            "kill-server",
            List.of("lon-1"),
            Map.of("signal", "KILL"),
            "2025-03-01T10:01:30Z",
            "2025-03-01T10:01:40Z",
            List.of(),
            List.of(londonKilled),
            null,
            null,
            null,
            List.of()));
  }

  static Map<String, KindTotals> totals() {
    Map<String, KindTotals> t = new LinkedHashMap<>();
    t.put("pubsub", new KindTotals("pubsub", 10_000, 9_997, 2, 2, 1, 3));
    t.put("queue", new KindTotals("queue", 5_000, 5_000, 5, 0, 0, 0));
    t.put("jetstream", new KindTotals("jetstream", 2_000, 1_999, 7, 4, 2, 1));
    t.put("request", new KindTotals("request", 1_000, 1_000, 4, 4, 0, 4));
    return t;
  }

  @Test
  void everyMetricIsMeasuredFromTheStepsTotalsAndLatency() {
    Map<String, Double> m =
        Verdict.measure(twoSteps(), totals(), new Stat(30_000, 1.2, 110.5, 240.75));

    assertThat(m.keySet()).containsExactlyElementsOf(Verdict.METRICS.keySet());
    // the worst data centre of the worst step
    assertThat(m.get("detect_p50")).isEqualTo(3200.0);
    assertThat(m.get("detect_p99")).isEqualTo(3400.0);
    assertThat(m.get("detect_max")).isEqualTo(3400.0);
    assertThat(m.get("reconnect_p50")).isEqualTo(4100.0);
    assertThat(m.get("reconnect_p99")).isEqualTo(6000.0);
    assertThat(m.get("reconnect_max")).isEqualTo(6200.0);
    // summed over steps and data centres
    assertThat(m.get("clients_affected")).isEqualTo(7.0);
    assertThat(m.get("clients_not_reconnected")).isEqualTo(1.0);
    assertThat(m.get("clients_off_nearest")).isEqualTo(1.0);
    // core kinds only
    assertThat(m.get("messages_lost")).isEqualTo(7.0);
    assertThat(m.get("messages_duplicated")).isEqualTo(1.0);
    assertThat(m.get("js_lost")).isEqualTo(3.0);
    assertThat(m.get("js_lost_all")).isEqualTo(7.0);
    assertThat(m.get("js_duplicated")).isEqualTo(2.0);
    assertThat(m.get("request_errors")).isEqualTo(4.0);
    assertThat(m.get("client_errors")).isEqualTo(8.0);
    assertThat(m.get("latency_p99")).isEqualTo(110.5);
    assertThat(m.get("latency_max")).isEqualTo(240.75);
  }

  @Test
  void kindsARunDidNotHaveMeasureZero() {
    Map<String, Double> m =
        Verdict.measure(
            List.of(),
            Map.of("pubsub", new KindTotals("pubsub", 100, 100, 0, 0, 0, 0)),
            Stat.EMPTY);

    assertThat(m)
        .containsEntry("js_lost", 0.0)
        .containsEntry("js_lost_all", 0.0)
        .containsEntry("js_duplicated", 0.0)
        .containsEntry("request_errors", 0.0)
        .containsEntry("reconnect_max", 0.0)
        .containsEntry("clients_affected", 0.0);
  }

  @Test
  void belowAndAboveAreStrictAndEqualsIsExact() {
    Map<String, Double> m =
        Verdict.measure(twoSteps(), totals(), new Stat(30_000, 1.2, 110.5, 240.75));

    List<ExpectationResult> r =
        Verdict.judge(
            List.of(
                new Expectation("reconnect_p99", Comparison.BELOW, "6s"),
                new Expectation("reconnect_p99", Comparison.BELOW, "6.1s"),
                new Expectation("clients_affected", Comparison.ABOVE, "7"),
                new Expectation("clients_affected", Comparison.ABOVE, "6"),
                new Expectation("js_lost", Comparison.EQUALS, "3"),
                new Expectation("js_lost", Comparison.EQUALS, "0"),
                new Expectation("latency_max", Comparison.BELOW, "250ms"),
                new Expectation("detect_max", Comparison.BELOW, "1m")),
            m);

    assertThat(r)
        .containsExactly(
            new ExpectationResult("reconnect_p99", "below", "6s", "6000ms", false),
            new ExpectationResult("reconnect_p99", "below", "6.1s", "6000ms", true),
            new ExpectationResult("clients_affected", "above", "7", "7", false),
            new ExpectationResult("clients_affected", "above", "6", "7", true),
            new ExpectationResult("js_lost", "equals", "3", "3", true),
            new ExpectationResult("js_lost", "equals", "0", "3", false),
            new ExpectationResult("latency_max", "below", "250ms", "240.75ms", true),
            new ExpectationResult("detect_max", "below", "1m", "3400ms", true));
  }

  @Test
  void injectionIsTheSlowestStepsDelayAndReconnectsTheStormiestClient() {
    DcImpact flapped =
        new DcImpact(
            "dallas",
            5,
            5,
            new Stat(5, 10, 20, 20),
            new Stat(5, 900, 1000, 1000),
            Map.of("dallas", 5),
            "london",
            0,
            0,
            Stat.EMPTY,
            Stat.EMPTY,
            Stat.EMPTY,
            14,
            4);
    List<StepReport> steps =
        List.of(
            new StepReport(
                0,
                "dc-flap",
                List.of("dallas"),
                Map.of(),
                "2025-03-01T10:00:30Z",
                null,
                List.of(),
                List.of(flapped),
                null,
                "2025-03-01T10:00:30.042Z",
                42.5,
                List.of()),
            new StepReport(
                1,
                "dc-outage",
                List.of("dallas"),
                Map.of(),
                "2025-03-01T10:01:30Z",
                null,
                List.of(),
                List.of(),
                null,
                "2025-03-01T10:01:30.012Z",
                12.0,
                List.of()));

    Map<String, Double> m = Verdict.measure(steps, Map.of(), Stat.EMPTY);

    assertThat(m.get("injection_max")).isEqualTo(42.5);
    assertThat(m.get("reconnects_max")).isEqualTo(4.0);
    // steps without a moment of effect (older reports) measure nothing
    assertThat(Verdict.measure(twoSteps(), totals(), Stat.EMPTY).get("injection_max")).isZero();
    List<ExpectationResult> r =
        Verdict.judge(
            List.of(
                new dev.booty.core.scenario.Expectation(
                    "injection_max",
                    dev.booty.core.scenario.Expectation.Comparison.BELOW,
                    "100ms")),
            m);
    assertThat(r.getFirst().actual()).isEqualTo("42.50ms");
    assertThat(r.getFirst().holds()).isTrue();
  }
}

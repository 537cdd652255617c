package dev.booty.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.report.RunReport.ExpectationResult;
import dev.booty.core.report.RunReport.GroupImpact;
import dev.booty.core.report.RunReport.GroupSummary;
import dev.booty.core.report.RunReport.LatencySample;
import dev.booty.core.report.RunReport.Stat;
import dev.booty.core.report.RunReport.StepReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run's series: client groups and one-kind expectations carry the client kind. */
class RunMetricsTest {
  private static final String ENDED = "2025-03-01T10:02:00Z";
  private static final long TS = 1740823320000L;

  private static GroupImpact impact(String group, String kind, double reconnectP99) {
    Stat reconnect = new Stat(1, reconnectP99, reconnectP99, reconnectP99);
    return new GroupImpact(
        group,
        "dallas",
        "seeds",
        "careful",
        10,
        10,
        Stat.EMPTY,
        reconnect,
        Map.of(),
        "london",
        10,
        0,
        Stat.EMPTY,
        10,
        1,
        0,
        0,
        Stat.EMPTY,
        0,
        kind);
  }

  private static GroupSummary summary(String group, String kind) {
    return new GroupSummary(
        group, "dallas", "seeds", "careful", 10, Map.of(), Stat.EMPTY, 0, Stat.EMPTY, kind);
  }

  private static RunReport report() {
    StepReport step =
        new StepReport(
            1,
            "dc-outage",
            List.of("dallas"),
            Map.of(),
            "2025-03-01T10:00:30Z",
            "2025-03-01T10:01:00Z",
            List.of("dallas"),
            List.of(),
            null,
            null,
            null,
            List.of(
                // a group of an older report, without a kind: jvm
                impact("dallas", null, 4100), impact("dallas-browser", "browser", 6500)),
            List.of());
    return new RunReport(
        "kinds",
        "kinds.yaml",
        "2025-03-01T09:59:30Z",
        "2025-03-01T10:00:00Z",
        ENDED,
        "fail",
        null,
        List.of("london", "dallas"),
        Map.of(),
        List.of(step),
        List.of(
            new ExpectationResult("reconnect_max", "below", "7s", "6500ms", true),
            new ExpectationResult("reconnect_max", "below", "5s", "6500ms", false, "browser")),
        Map.of(),
        List.of(),
        List.of(new LatencySample(1740823200L, "dallas", 3, 5, 40, 40)),
        List.of(),
        List.of(summary("dallas", "jvm"), summary("dallas-browser", "browser")),
        Map.of(),
        List.of(
            new LatencySample(1740823200L, "dallas", 2, 5, 5, 5, "jvm"),
            new LatencySample(1740823200L, "dallas", 1, 40, 40, 40, "browser")));
  }

  @Test
  void groupSeriesCarryTheirClientKind() {
    List<String> lines = RunMetrics.lines(report());

    String base = "scenario=\"kinds\",step=\"1\",action=\"dc-outage\",";
    assertThat(lines)
        .contains(
            "booty_run_group_reconnect_p99_ms{"
                + base
                + "group=\"dallas\",dc=\"dallas\",bootstrap=\"seeds\",profile=\"careful\","
                + "client_kind=\"jvm\"} 4100.0 "
                + TS,
            "booty_run_group_reconnect_p99_ms{"
                + base
                + "group=\"dallas-browser\",dc=\"dallas\",bootstrap=\"seeds\",profile=\"careful\","
                + "client_kind=\"browser\"} 6500.0 "
                + TS,
            "booty_run_group_messages_lost{scenario=\"kinds\",group=\"dallas-browser\","
                + "dc=\"dallas\",bootstrap=\"seeds\",profile=\"careful\",client_kind=\"browser\"}"
                + " 0 "
                + TS);
    assertThat(lines.stream().filter(l -> l.startsWith("booty_run_group_")))
        .isNotEmpty()
        .allMatch(l -> l.contains(",client_kind=\""));
  }

  @Test
  void anExpectationOnOneKindAndLatencyPerKindAreSeriesOfTheirOwn() {
    List<String> lines = RunMetrics.lines(report());

    assertThat(lines)
        .contains(
            "booty_run_expectation_holds{scenario=\"kinds\",metric=\"reconnect_max\"} 1 " + TS,
            "booty_run_expectation_holds{scenario=\"kinds\",metric=\"reconnect_max\","
                + "client_kind=\"browser\"} 0 "
                + TS,
            "booty_run_latency_p99_ms{scenario=\"kinds\",dc=\"dallas\"} 40.0 1740823200000",
            "booty_run_kind_latency_p99_ms{scenario=\"kinds\",dc=\"dallas\","
                + "client_kind=\"browser\"} 40.0 1740823200000",
            "booty_run_kind_latency_p99_ms{scenario=\"kinds\",dc=\"dallas\","
                + "client_kind=\"jvm\"} 5.0 1740823200000");
  }
}

package dev.booty.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.report.RunReport;
import dev.booty.core.report.RunReport.DcImpact;
import dev.booty.core.report.RunReport.ExpectationResult;
import dev.booty.core.report.RunReport.KindTotals;
import dev.booty.core.report.RunReport.Stat;
import dev.booty.core.report.RunReport.StepReport;
import dev.booty.core.run.ScenarioRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The text after a run: a run of JVM clients reads as it always did; a run with browser clients
 * splits each step's clients table and the messages by client kind.
 */
class RunSummaryTest {
  private static Stat ms(double p50, double p99) {
    return new Stat(1, p50, p99, p99);
  }

  private static DcImpact dc(
      String dc, String kind, int clients, int affected, double reconnect, String landed) {
    return new DcImpact(
        dc,
        clients,
        affected,
        affected == 0 ? Stat.EMPTY : ms(3200, 3400),
        affected == 0 ? Stat.EMPTY : ms(reconnect, reconnect),
        landed == null ? Map.of() : Map.of(landed, affected),
        "london",
        landed == null ? 0 : affected,
        0,
        Stat.EMPTY,
        Stat.EMPTY,
        Stat.EMPTY,
        affected,
        affected == 0 ? 0 : 1,
        kind);
  }

  private static StepReport step(List<DcImpact> datacenters, List<DcImpact> byKind) {
    return new StepReport(
        1,
        "dc-outage",
        List.of("dallas"),
        Map.of(),
        "2025-03-01T10:00:30Z",
        "2025-03-01T10:01:00Z",
        List.of("dallas"),
        datacenters,
        null,
        "2025-03-01T10:00:30.010Z",
        12.0,
        List.of(),
        byKind);
  }

  private static RunReport report(
      StepReport step,
      List<ExpectationResult> expectations,
      Map<String, Map<String, KindTotals>> totalsByKind) {
    Map<String, KindTotals> totals = new LinkedHashMap<>();
    totals.put("pubsub", new KindTotals("pubsub", 200, 200, 1, 1, 0, 0));
    totals.put("jetstream", new KindTotals("jetstream", 100, 98, 0, 0, 0, 2));
    return new RunReport(
        "kinds",
        "kinds.yaml",
        "2025-03-01T09:59:30Z",
        "2025-03-01T10:00:00Z",
        "2025-03-01T10:02:00Z",
        "fail",
        null,
        List.of("london", "dallas"),
        Map.of(),
        List.of(step),
        expectations,
        totals,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        totalsByKind,
        List.of());
  }

  private static String print(RunReport r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    RunSummary.print(
        new ScenarioRunner.Outcome(r, Path.of("/runs/x/report.json"), Path.of("/runs/x/r.html"), 1),
        out);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aRunOfJvmClientsReadsAsItAlwaysDid() {
    DcImpact london = dc("london", null, 10, 0, 0, null);
    DcImpact dallas = dc("dallas", null, 10, 10, 4100, "london");
    RunReport r =
        report(
            step(
                List.of(london, dallas),
                List.of(
                    dc("london", "jvm", 10, 0, 0, null),
                    dc("dallas", "jvm", 10, 10, 4100, "london"))),
            List.of(new ExpectationResult("reconnect_max", "below", "7s", "4100ms", true)),
            Map.of());

    assertThat(print(r))
        .isEqualTo(
            """
            scenario kinds: FAIL, an expectation does not hold
              ok   reconnect_max            below  7s       measured 4100ms
            step 1: dc-outage dallas, injected in 12.0 ms
              clients of clients affected  detect50  detect99   reconn50   reconn99 reconn/max  \
            landed in                nearest healthy
              london          10        0       0ms       0ms        0ms        0ms        0/0  \
            -                        london (0 there, 0 stranded)
              dallas          10       10    3200ms    3400ms     4100ms     4100ms       10/1  \
            london:10                london (10 there, 0 stranded)
            messages         sent   expected     lost in faulted duplicated   errors
            pubsub            200        200        1          1          0        0
            jetstream         100         98        0          0          0        2
            report: /runs/x/r.html
                    /runs/x/report.json
            """);
  }

  @Test
  void aRunWithBrowsersSplitsEachStepsClientsAndTheMessagesByKind() {
    DcImpact london = dc("london", null, 4, 0, 0, null);
    DcImpact dallas = dc("dallas", null, 20, 20, 6500, "london");
    Map<String, Map<String, KindTotals>> byKind = new LinkedHashMap<>();
    byKind.put("jvm", Map.of("pubsub", new KindTotals("pubsub", 100, 100, 0, 0, 0, 0)));
    byKind.put("browser", Map.of("pubsub", new KindTotals("pubsub", 100, 100, 1, 1, 0, 0)));
    RunReport r =
        report(
            step(
                List.of(london, dallas),
                List.of(
                    dc("london", "browser", 4, 0, 0, null),
                    dc("dallas", "jvm", 10, 10, 4100, "london"),
                    dc("dallas", "browser", 10, 10, 6500, "london"))),
            List.of(
                new ExpectationResult("reconnect_max", "below", "5s", "6500ms", false, "browser")),
            byKind);

    String text = print(r);
    assertThat(text)
        .contains("  FAIL reconnect_max[browser]   below  5s       measured 6500ms\n")
        .contains(
            "  clients of kind     clients affected  detect50  detect99   reconn50   reconn99"
                + " reconn/max  landed in                nearest healthy\n")
        // a data centre of one kind: that kind's row alone
        .contains(
            "  london     browser        4        0       0ms       0ms        0ms        0ms"
                + "        0/0  -                        london (0 there, 0 stranded)\n")
        // of several: every client's, then each kind's
        .contains(
            "  dallas     all           20       20    3200ms    3400ms     6500ms     6500ms"
                + "       20/1  london:20                london (20 there, 0 stranded)\n"
                + "  dallas     jvm           10       10    3200ms    3400ms     4100ms     4100ms"
                + "       10/1  london:10                london (10 there, 0 stranded)\n"
                + "  dallas     browser       10       10    3200ms    3400ms     6500ms     6500ms"
                + "       10/1  london:10                london (10 there, 0 stranded)\n")
        .contains(
            "messages   clients        sent   expected     lost in faulted duplicated   errors\n"
                + "pubsub     all             200        200        1          1          0"
                + "        0\n"
                + "pubsub     jvm             100        100        0          0          0"
                + "        0\n"
                + "pubsub     browser         100        100        1          1          0"
                + "        0\n"
                + "jetstream  all             100         98        0          0          0"
                + "        2\n");
  }
}

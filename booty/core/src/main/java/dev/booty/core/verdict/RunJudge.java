package dev.booty.core.verdict;

import dev.booty.core.client.ClientReport;
import dev.booty.core.report.RunReport;
import dev.booty.core.scenario.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what a run saw into its report: each step's impact per data centre, the message totals,
 * connections and latency over time ({@link RunAnalysis}), then the scenario's expectations judged
 * against the measured figures ({@link Verdict}), over every client or the clients of one kind:
 * pass, fail, or broken when the run itself broke.
 */
public final class RunJudge {
  private RunJudge() {}

  /**
   * What a run saw.
   *
   * @param inventory null when the run broke before it knew its servers
   * @param measureFrom the end of warm-up
   * @param error what broke the run; null when nothing did
   */
  public record Facts(
      Scenario scenario,
      Inventory inventory,
      List<StepRun> steps,
      List<ClientReport> clients,
      Instant started,
      Instant measureFrom,
      Instant ended,
      String error) {}

  /** The report of a run, its expectations judged when nothing broke. */
  public static RunReport report(Facts f) {
    Scenario s = f.scenario();
    Inventory inventory = f.inventory();
    List<StepRun> steps = f.steps();
    List<ClientReport> clients = f.clients();
    Instant started = f.started();
    Instant measureFrom = f.measureFrom();
    Instant ended = f.ended();
    String error = f.error();
    List<RunReport.StepReport> stepReports = new ArrayList<>();
    Map<String, RunReport.KindTotals> totals = Map.of();
    List<RunReport.ConnectionSample> connections = List.of();
    List<RunReport.LatencySample> latency = List.of();
    List<RunReport.ExpectationResult> results = List.of();
    List<RunReport.GroupSummary> groups = List.of();
    Map<String, Map<String, RunReport.KindTotals>> totalsByKind = Map.of();
    List<RunReport.LatencySample> latencyByKind = List.of();
    String outcome = "broken";
    if (inventory != null) {
      RunAnalysis a = new RunAnalysis(inventory, clients).during(steps);
      steps.forEach(st -> stepReports.add(a.step(st, ended)));
      totals = a.totals(steps);
      connections = a.connections(started, ended);
      latency = a.latency(started, ended);
      groups = a.groups(steps, measureFrom, ended);
      totalsByKind = a.totalsByClientKind(steps);
      latencyByKind = a.latencyByClientKind(started, ended);
      if (error == null) {
        if (clients.isEmpty()) {
          error = "no client reported";
        } else {
          Map<String, Double> m =
              Verdict.measure(stepReports, totals, a.latencyAll(measureFrom, ended), groups);
          Map<String, Map<String, Double>> byKind = new LinkedHashMap<>();
          for (String kind : a.clientKinds()) {
            byKind.put(
                kind,
                Verdict.measure(
                    Verdict.stepsOfKind(stepReports, kind),
                    totalsByKind.get(kind),
                    a.latencyAll(measureFrom, ended, kind),
                    Verdict.groupsOfKind(groups, kind)));
          }
          results = Verdict.judge(s.expect(), m, byKind);
          outcome = results.stream().allMatch(RunReport.ExpectationResult::holds) ? "pass" : "fail";
        }
      }
    }
    Map<String, Long> rtt = inventory == null ? Map.of() : inventory.rttMs();
    return new RunReport(
        s.name(),
        s.file().toString(),
        started.toString(),
        measureFrom.toString(),
        ended.toString(),
        outcome,
        error,
        s.datacenterNames(),
        rtt,
        stepReports,
        results,
        totals,
        connections,
        latency,
        clients,
        groups,
        totalsByKind,
        latencyByKind);
  }
}

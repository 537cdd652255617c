package dev.booty.cli.commands;

import dev.booty.core.report.RunReport;
import dev.booty.core.run.ScenarioRunner;
import java.io.PrintStream;
import java.util.Map;

/**
 * The text a person reads after {@code booty scenario run}: the verdict first, then the figures.
 */
final class RunSummary {
  private RunSummary() {}

  static void print(ScenarioRunner.Outcome o, PrintStream out) {
    RunReport r = o.report();
    out.println(
        "scenario "
            + r.scenario()
            + ": "
            + switch (r.outcome()) {
              case "pass" -> "PASS, every expectation holds";
              case "fail" -> "FAIL, an expectation does not hold";
              default -> "BROKEN: " + r.error();
            });
    for (RunReport.ExpectationResult e : r.expectations()) {
      out.printf(
          "  %s %-24s %-6s %-8s measured %s%n",
          e.holds() ? "ok  " : "FAIL", e.metric(), e.comparison(), e.bound(), e.actual());
    }
    for (RunReport.StepReport s : r.steps()) {
      out.printf(
          "step %d: %s %s%s%s%n",
          s.index(),
          s.action(),
          String.join(",", s.targets()),
          s.injectionMs() == null
              ? ""
              : String.format(java.util.Locale.ROOT, ", injected in %.1f ms", s.injectionMs()),
          s.error() == null ? "" : "  (" + s.error() + ")");
      out.printf(
          "  %-10s %7s %8s %9s %9s %10s %10s %10s  %-24s %s%n",
          "clients of",
          "clients",
          "affected",
          "detect50",
          "detect99",
          "reconn50",
          "reconn99",
          "reconn/max",
          "landed in",
          "nearest healthy");
      for (RunReport.DcImpact d : s.datacenters()) {
        out.printf(
            "  %-10s %7d %8d %7.0fms %7.0fms %8.0fms %8.0fms %10s  %-24s %s (%d there, %d"
                + " stranded)%n",
            d.dc(),
            d.clients(),
            d.affected(),
            d.detectMs().p50(),
            d.detectMs().p99(),
            d.reconnectMs().p50(),
            d.reconnectMs().p99(),
            d.reconnects() + "/" + d.maxReconnects(),
            landed(d.landedIn()),
            d.nearest(),
            d.onNearest(),
            d.notReconnected());
      }
    }
    if (r.groups().stream().anyMatch(g -> !g.group().equals(g.dc()))) {
      groups(r, out);
    }
    if (!r.totals().isEmpty()) {
      out.printf(
          "%-10s %10s %10s %8s %10s %10s %8s%n",
          "messages", "sent", "expected", "lost", "in faulted", "duplicated", "errors");
      for (RunReport.KindTotals t : r.totals().values()) {
        out.printf(
            "%-10s %10d %10d %8d %10d %10d %8d%n",
            t.kind(),
            t.sent(),
            t.expected(),
            t.lost(),
            t.lostInFaulted(),
            t.duplicated(),
            t.errors());
      }
    }
    out.println("report: " + o.html());
    out.println("        " + o.json());
  }

  /**
   * Each client group side by side, when a data centre has several (seeds beside dns, careful
   * beside library-default): what each one's settings cost during the steps.
   */
  private static void groups(RunReport r, PrintStream out) {
    out.printf(
        "%-34s %7s %8s %9s %9s %-16s %8s %9s %7s %7s %9s%n",
        "groups",
        "clients",
        "affected",
        "detect50",
        "reconn50",
        "landed in",
        "new/off",
        "dns chg50",
        "lost",
        "errors",
        "lat p99");
    for (RunReport.StepReport s : r.steps()) {
      if (s.groups() == null) {
        continue;
      }
      for (RunReport.GroupImpact g : s.groups()) {
        RunReport.GroupSummary sum =
            r.groups().stream().filter(x -> x.group().equals(g.group())).findFirst().orElse(null);
        long lost = sum == null ? 0 : sum.totals().values().stream().mapToLong(t -> t.lost()).sum();
        long errors =
            sum == null ? 0 : sum.totals().values().stream().mapToLong(t -> t.errors()).sum();
        out.printf(
            java.util.Locale.ROOT,
            "%-34s %7d %8d %7.0fms %7.0fms %-16s %8s %7.0fms %7d %7d %7.0fms%n",
            "step " + s.index() + " " + g.group(),
            g.clients(),
            g.affected(),
            g.detectMs().p50(),
            g.reconnectMs().p50(),
            landed(g.landedIn()),
            g.newClients() + "/" + g.newOffNearest(),
            g.dnsAnswerChangeMs().p50(),
            lost,
            errors,
            g.latencyDuringMs().p99());
      }
    }
  }

  private static String landed(Map<String, Integer> landed) {
    if (landed.isEmpty()) {
      return "-";
    }
    StringBuilder sb = new StringBuilder();
    landed.forEach((dc, n) -> sb.append(sb.isEmpty() ? "" : ", ").append(dc).append(':').append(n));
    return sb.toString();
  }
}

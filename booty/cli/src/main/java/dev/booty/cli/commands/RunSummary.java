package dev.booty.cli.commands;

import dev.booty.core.client.ClientReport;
import dev.booty.core.report.RunReport;
import dev.booty.core.run.ScenarioRunner;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The text a person reads after {@code booty scenario run}: the verdict first, then the figures.
 * When browser clients ran, each step's clients table and the messages are also given per client
 * kind (a run of JVM clients alone reads as it always did).
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
          e.holds() ? "ok  " : "FAIL", e.label(), e.comparison(), e.bound(), e.actual());
    }
    boolean byKind = browsersRan(r);
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
          "  %-10s " + (byKind ? "%-8s " : "%s") + "%7s %8s %9s %9s %10s %10s %10s  %-24s %s%n",
          "clients of",
          byKind ? "kind" : "",
          "clients",
          "affected",
          "detect50",
          "detect99",
          "reconn50",
          "reconn99",
          "reconn/max",
          "landed in",
          "nearest healthy");
      for (RunReport.DcImpact all : s.datacenters()) {
        for (RunReport.DcImpact d : rows(all, s, byKind)) {
          impact(d, byKind, out);
        }
      }
    }
    if (r.groups().stream().anyMatch(g -> !g.group().equals(g.dc()))) {
      groups(r, out);
    }
    if (!r.totals().isEmpty()) {
      totals(r, byKind, out);
    }
    out.println("report: " + o.html());
    out.println("        " + o.json());
  }

  /** Whether a client of another kind than jvm ran: then figures are also given per kind. */
  private static boolean browsersRan(RunReport r) {
    return r.steps().stream()
            .flatMap(s -> s.byClientKind() == null ? Stream.empty() : s.byClientKind().stream())
            .anyMatch(d -> !ClientReport.JVM.equals(d.kind()))
        || (r.totalsByClientKind() != null
            && r.totalsByClientKind().keySet().stream().anyMatch(k -> !ClientReport.JVM.equals(k)));
  }

  /**
   * The rows of a data centre's step: itself; split by kind, each kind's, after the data centre's
   * own over every kind when it has several.
   */
  private static List<RunReport.DcImpact> rows(
      RunReport.DcImpact all, RunReport.StepReport s, boolean byKind) {
    if (!byKind || s.byClientKind() == null) {
      return List.of(all);
    }
    List<RunReport.DcImpact> kinds =
        s.byClientKind().stream().filter(d -> d.dc().equals(all.dc())).toList();
    if (kinds.size() == 1) {
      return kinds;
    }
    List<RunReport.DcImpact> out = new ArrayList<>();
    out.add(all);
    out.addAll(kinds);
    return out;
  }

  private static void impact(RunReport.DcImpact d, boolean byKind, PrintStream out) {
    out.printf(
        "  %-10s "
            + (byKind ? "%-8s " : "%s")
            + "%7d %8d %7.0fms %7.0fms %8.0fms %8.0fms %10s  %-24s %s (%d there, %d"
            + " stranded)%n",
        d.dc(),
        byKind ? (d.kind() == null ? "all" : d.kind()) : "",
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

  /**
   * Messages of each workload kind; split by client kind, each one's publishers' after every
   * client's.
   */
  private static void totals(RunReport r, boolean byKind, PrintStream out) {
    String kindColumn = byKind ? "%-8s " : "%s";
    out.printf(
        "%-10s " + kindColumn + "%10s %10s %8s %10s %10s %8s%n",
        "messages",
        byKind ? "clients" : "",
        "sent",
        "expected",
        "lost",
        "in faulted",
        "duplicated",
        "errors");
    for (RunReport.KindTotals t : r.totals().values()) {
      List<String> clientKinds = new ArrayList<>();
      List<RunReport.KindTotals> rows = new ArrayList<>();
      clientKinds.add(byKind ? "all" : "");
      rows.add(t);
      if (byKind && r.totalsByClientKind() != null) {
        r.totalsByClientKind()
            .forEach(
                (clientKind, totals) -> {
                  if (totals.containsKey(t.kind())) {
                    clientKinds.add(clientKind);
                    rows.add(totals.get(t.kind()));
                  }
                });
      }
      for (int i = 0; i < rows.size(); i++) {
        RunReport.KindTotals row = rows.get(i);
        out.printf(
            "%-10s " + kindColumn + "%10d %10d %8d %10d %10d %8d%n",
            t.kind(),
            clientKinds.get(i),
            row.sent(),
            row.expected(),
            row.lost(),
            row.lostInFaulted(),
            row.duplicated(),
            row.errors());
      }
    }
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

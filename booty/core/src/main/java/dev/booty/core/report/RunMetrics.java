package dev.booty.core.report;

import dev.booty.core.backchannel.metrics.MetricsImport;
import dev.booty.core.client.ClientReport;
import dev.booty.core.util.BasicAuth;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A run's figures as VictoriaMetrics series (names {@code booty_run_*}, labels scenario, outcome
 * and where it applies step, action, dc, kind), stamped with the run's end, so runs can be compared
 * over time in the stack's metrics. Client groups' series and expectations on one kind of client
 * carry {@code client_kind} ({@code jvm}, {@code browser}): {@code kind} already names the workload
 * kind ({@code pubsub}, ...) of the message series.
 */
public final class RunMetrics {
  private RunMetrics() {}

  static List<String> lines(RunReport r) {
    long ts = Instant.parse(r.endedAt()).toEpochMilli();
    String base = "scenario=\"" + esc(r.scenario()) + "\"";
    List<String> out = new ArrayList<>();
    out.add("booty_run_outcome{%s,outcome=\"%s\"} 1 %d".formatted(base, esc(r.outcome()), ts));
    for (RunReport.ExpectationResult e : r.expectations()) {
      String kind = e.kind() == null ? "" : ",client_kind=\"%s\"".formatted(esc(e.kind()));
      out.add(
          "booty_run_expectation_holds{%s,metric=\"%s\"%s} %d %d"
              .formatted(base, esc(e.metric()), kind, e.holds() ? 1 : 0, ts));
    }
    for (RunReport.StepReport s : r.steps()) {
      if (s.injectionMs() != null) {
        out.add(
            "booty_run_injection_ms{%s,step=\"%d\",action=\"%s\"} %s %d"
                .formatted(base, s.index(), esc(s.action()), s.injectionMs(), ts));
      }
      for (RunReport.DcImpact d : s.datacenters()) {
        String l =
            "%s,step=\"%d\",action=\"%s\",dc=\"%s\""
                .formatted(base, s.index(), esc(s.action()), esc(d.dc()));
        out.add("booty_run_clients_affected{%s} %d %d".formatted(l, d.affected(), ts));
        out.add("booty_run_detect_p99_ms{%s} %s %d".formatted(l, d.detectMs().p99(), ts));
        out.add("booty_run_reconnect_p99_ms{%s} %s %d".formatted(l, d.reconnectMs().p99(), ts));
        out.add("booty_run_reconnect_max_ms{%s} %s %d".formatted(l, d.reconnectMs().max(), ts));
        out.add("booty_run_clients_on_nearest{%s} %d %d".formatted(l, d.onNearest(), ts));
        out.add("booty_run_clients_not_reconnected{%s} %d %d".formatted(l, d.notReconnected(), ts));
        out.add("booty_run_reconnects{%s} %d %d".formatted(l, d.reconnects(), ts));
      }
      for (RunReport.GroupImpact g :
          s.groups() == null ? List.<RunReport.GroupImpact>of() : s.groups()) {
        String l =
            "%s,step=\"%d\",action=\"%s\",%s"
                .formatted(
                    base,
                    s.index(),
                    esc(s.action()),
                    group(g.group(), g.dc(), g.bootstrap(), g.profile(), g.kind()));
        out.add("booty_run_group_clients_affected{%s} %d %d".formatted(l, g.affected(), ts));
        out.add(
            "booty_run_group_reconnect_p99_ms{%s} %s %d".formatted(l, g.reconnectMs().p99(), ts));
        out.add(
            "booty_run_group_clients_not_reconnected{%s} %d %d"
                .formatted(l, g.notReconnected(), ts));
        out.add(
            "booty_run_group_new_clients_off_nearest{%s} %d %d"
                .formatted(l, g.newOffNearest(), ts));
        if (g.dnsAnswerChangeMs().count() > 0) {
          out.add(
              "booty_run_group_dns_answer_change_max_ms{%s} %s %d"
                  .formatted(l, g.dnsAnswerChangeMs().max(), ts));
        }
      }
    }
    for (Map.Entry<String, RunReport.KindTotals> k : r.totals().entrySet()) {
      String l = "%s,kind=\"%s\"".formatted(base, esc(k.getKey()));
      RunReport.KindTotals t = k.getValue();
      out.add("booty_run_messages_sent{%s} %d %d".formatted(l, t.sent(), ts));
      out.add("booty_run_messages_lost{%s} %d %d".formatted(l, t.lost(), ts));
      out.add("booty_run_messages_duplicated{%s} %d %d".formatted(l, t.duplicated(), ts));
      out.add("booty_run_send_errors{%s} %d %d".formatted(l, t.errors(), ts));
    }
    for (RunReport.GroupSummary g :
        r.groups() == null ? List.<RunReport.GroupSummary>of() : r.groups()) {
      String l = base + "," + group(g.group(), g.dc(), g.bootstrap(), g.profile(), g.kind());
      long lost =
          g.totals() == null
              ? 0
              : g.totals().values().stream().mapToLong(RunReport.KindTotals::lost).sum();
      out.add("booty_run_group_messages_lost{%s} %d %d".formatted(l, lost, ts));
      if ("dns".equals(g.bootstrap())) {
        out.add(
            "booty_run_group_dns_resolve_p99_ms{%s} %s %d"
                .formatted(l, g.dnsResolveMs().p99(), ts));
      }
    }
    for (RunReport.LatencySample s : r.latency()) {
      out.add(
          "booty_run_latency_p99_ms{%s,dc=\"%s\"} %s %d"
              .formatted(base, esc(s.dc()), s.p99Ms(), s.second() * 1000));
    }
    for (RunReport.LatencySample s :
        r.latencyByClientKind() == null
            ? List.<RunReport.LatencySample>of()
            : r.latencyByClientKind()) {
      out.add(
          "booty_run_kind_latency_p99_ms{%s,dc=\"%s\",client_kind=\"%s\"} %s %d"
              .formatted(base, esc(s.dc()), esc(s.kind()), s.p99Ms(), s.second() * 1000));
    }
    return out;
  }

  /** Sends the run's series; a VictoriaMetrics that is away costs a line of progress, no more. */
  public static void push(RunReport r, String url, Consumer<String> progress) {
    if (url == null || r.endedAt() == null) {
      return;
    }
    try {
      new MetricsImport(URI.create(url)).write(lines(r));
      progress.accept(
          "figures pushed to VictoriaMetrics at " + BasicAuth.hidden(url) + " (booty_run_*)");
    } catch (IOException e) {
      progress.accept("could not push the figures to VictoriaMetrics: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A group's labels; a group of an older report, without a kind, was jvm. */
  private static String group(
      String group, String dc, String bootstrap, String profile, String kind) {
    return "group=\"%s\",dc=\"%s\",bootstrap=\"%s\",profile=\"%s\",client_kind=\"%s\""
        .formatted(
            esc(group),
            esc(dc),
            esc(bootstrap),
            esc(profile),
            esc(kind == null ? ClientReport.JVM : kind));
  }

  private static String esc(String s) {
    return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}

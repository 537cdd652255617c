package dev.booty.dev.bench;

import static dev.booty.dev.bench.BackChannelBenchmark.NAME;
import static dev.booty.dev.bench.BackChannelBenchmark.POLL_MILLIS;
import static dev.booty.dev.bench.BackChannelBenchmark.PROBE;
import static dev.booty.dev.bench.BackChannelBenchmark.SUBNET;
import static dev.booty.dev.bench.BackChannelBenchmark.WARM_UP;

import dev.booty.cli.Table;
import dev.booty.core.backchannel.protocol.Subjects;
import dev.booty.core.util.Json;
import dev.booty.dev.bench.BackChannelBenchmark.AgentView;
import dev.booty.dev.bench.BackChannelBenchmark.Figures;
import dev.booty.dev.bench.BackChannelBenchmark.Result;
import dev.booty.dev.bench.BackChannelBenchmark.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@link BackChannelBenchmark}'s figures: tables for people, or one JSON object. */
public record BackChannelReport(Settings settings, Result r) implements Report {
  @Override
  public void print(PrintStream out) {
    out.println(
        "bench backchannel: "
            + settings.scenario()
            + " as "
            + NAME
            + " on "
            + SUBNET
            + ".0.0/16, "
            + r.nodes().size()
            + " nodes, "
            + Bench.cores()
            + " cores");
    out.println();
    out.println(
        "command round trips: ping on booty.cmd.NODE.ping from booty at "
            + r.url()
            + ", one at a time, "
            + settings.pings()
            + " per node after "
            + WARM_UP
            + " uncounted");
    Table t = new Table("NODE", "DC", "ANSWERED", "P50", "P99", "MAX");
    for (int i = 0; i < r.nodes().size(); i++) {
      t.row(row(r.nodes().get(i).node(), r.nodes().get(i).dc(), r.perNode().get(i)));
    }
    t.row(row("all", "", r.overall()));
    t.print(out);
    out.println();
    out.println(
        "telemetry, published to queryable: "
            + Subjects.telemetry(PROBE)
            + " to VictoriaMetrics (polled every "
            + POLL_MILLIS
            + " ms, nocache=1)");
    Table p = new Table("PROBES", "ANSWERED", "P50", "P99", "MAX");
    p.row(row(String.valueOf(r.telemetry().sent()), null, r.telemetry()));
    p.print(out);
    out.println();
    out.println("the agents' view: booty cmd all ping --json (one request each, in parallel)");
    if (r.agentsError() != null) {
      out.println("failed: " + r.agentsError());
      return;
    }
    Table a = new Table("NODE", "DC", "STATE", "RTT", "AGENT CLOCK");
    for (AgentView v : r.agents()) {
      a.row(
          v.node(),
          v.dc(),
          v.state(),
          ms(v.rttMs()),
          v.clockOffsetMs() == null
              ? null
              : String.format(Locale.ROOT, "%+d ms", v.clockOffsetMs()));
    }
    a.print(out);
  }

  /**
   * The cells of a row of figures: {@code first}, then {@code second} unless null, then answered
   * out of sent, p50, p99 and max.
   */
  static Object[] row(String first, String second, Figures f) {
    List<String> cells = new ArrayList<>();
    cells.add(first);
    if (second != null) {
      cells.add(second);
    }
    cells.add(f.millis().size() + "/" + f.sent());
    cells.add(ms(f.percentile(0.5)));
    cells.add(ms(f.percentile(0.99)));
    cells.add(ms(f.max()));
    return cells.toArray();
  }

  @Override
  public void printJson(PrintStream out) throws IOException {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("scenario", settings.scenario().toString());
    o.put("name", NAME);
    o.put("subnet", SUBNET);
    o.put("cores", Bench.cores());
    o.put("controlPlane", r.url());
    List<Map<String, Object>> ps = new ArrayList<>();
    for (int i = 0; i < r.nodes().size(); i++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("node", r.nodes().get(i).node());
      m.put("dc", r.nodes().get(i).dc());
      m.putAll(figures(r.perNode().get(i)));
      ps.add(m);
    }
    Map<String, Object> ping = new LinkedHashMap<>();
    ping.put("warmUp", WARM_UP);
    ping.put("nodes", ps);
    ping.put("overall", figures(r.overall()));
    o.put("ping", ping);
    Map<String, Object> tel = figures(r.telemetry());
    tel.put("subject", Subjects.telemetry(PROBE));
    tel.put("pollMillis", POLL_MILLIS);
    o.put("telemetry", tel);
    o.put("agents", r.agents());
    o.put("agentsError", r.agentsError());
    out.println(Json.MAPPER.writeValueAsString(o));
  }

  static Map<String, Object> figures(Figures f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sent", f.sent());
    m.put("answered", f.millis().size());
    m.put("p50Millis", f.percentile(0.5));
    m.put("p99Millis", f.percentile(0.99));
    m.put("maxMillis", f.max());
    return m;
  }

  private static String ms(Double d) {
    return Bench.ms(d, "-");
  }
}

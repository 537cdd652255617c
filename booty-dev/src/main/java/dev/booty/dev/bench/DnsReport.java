package dev.booty.dev.bench;

import static dev.booty.dev.bench.DnsBenchmark.POLL_MILLIS;
import static dev.booty.dev.bench.DnsBenchmark.SUBNET;
import static dev.booty.dev.bench.DnsBenchmark.WARM_UP;

import dev.booty.cli.Table;
import dev.booty.core.util.Json;
import dev.booty.dev.bench.BackChannelBenchmark.Figures;
import dev.booty.dev.bench.DnsBenchmark.Latency;
import dev.booty.dev.bench.DnsBenchmark.Result;
import dev.booty.dev.bench.DnsBenchmark.Round;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link DnsBenchmark}'s figures: tables for people, or one JSON object; {@code scenario} is the
 * file as the user named it.
 */
public record DnsReport(Path scenario, Result r) implements Report {
  @Override
  public void print(PrintStream out) {
    out.println(
        "bench dns: "
            + scenario
            + " as "
            + r.scenario().name()
            + " on "
            + SUBNET
            + ".0.0/16, "
            + r.fqdn()
            + " (ttl "
            + r.ttl().toSeconds()
            + " s, check every "
            + r.checkInterval().toSeconds()
            + " s), "
            + Bench.cores()
            + " cores");
    out.println();
    out.println(
        "answer latency: each data centre's own DNS server, one query at a time (uncached JNDI),"
            + " after "
            + WARM_UP
            + " uncounted");
    Table t = new Table("DC", "DNS SERVER", "ANSWERED", "P50", "P99", "MAX", "ANSWER");
    for (Latency l : r.latency()) {
      Figures f = l.figures();
      t.row(
          l.dc(),
          l.server(),
          f.millis().size() + "/" + f.sent(),
          Bench.ms(f.percentile(0.5), "-"),
          Bench.ms(f.percentile(0.99), "-"),
          Bench.ms(f.max(), "-"),
          l.answer().isEmpty() ? "none" : String.join(" ", l.answer()));
    }
    t.print(out);
    out.println();
    long bound = r.bound().toMillis();
    out.println(
        "server death to changed answer: "
            + r.victim()
            + "'s "
            + r.victimServers().size()
            + " servers frozen (SIGSTOP), "
            + r.victim()
            + "'s DNS asked every "
            + POLL_MILLIS
            + " ms; bound ttl + check + 1 s = "
            + bound
            + " ms");
    Table m = new Table("ROUND", "FAILOVER", "ANSWERS", "WITHIN BOUND", "BACK AFTER THAW");
    for (int i = 0; i < r.rounds().size(); i++) {
      Round d = r.rounds().get(i);
      m.row(
          i + 1,
          Bench.ms(d.failover(), "not seen"),
          d.movedTo().isEmpty() ? "-" : String.join(" ", d.movedTo()),
          d.failover() == null ? "no" : d.failover() <= bound ? "yes" : "no",
          Bench.ms(d.back(), "not seen"));
    }
    m.print(out);
    out.println();
    Table s = new Table("", "MIN", "MEDIAN", "MAX", "ROUNDS");
    s.row(summary("failover", r.figures(true)));
    s.row(summary("back after thaw", r.figures(false)));
    s.print(out);
    out.println(
        "every failover within "
            + bound
            + " ms: "
            + (r.withinBound() ? "yes" : "no")
            + " ("
            + r.rounds().size()
            + " round(s))");
  }

  private static Object[] summary(String what, Figures f) {
    return new Object[] {
      what,
      Bench.ms(f.percentile(0), "-"),
      Bench.ms(median(f), "-"),
      Bench.ms(f.max(), "-"),
      f.millis().size() + "/" + f.sent()
    };
  }

  /** The middle value, or the mean of the middle two; null for none. */
  static Double median(Figures f) {
    List<Double> m = f.millis();
    if (m.isEmpty()) {
      return null;
    }
    int n = m.size();
    return n % 2 == 1 ? m.get(n / 2) : (m.get(n / 2 - 1) + m.get(n / 2)) / 2;
  }

  @Override
  public void printJson(PrintStream out) throws IOException {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("scenario", scenario.toString());
    o.put("name", r.scenario().name());
    o.put("subnet", SUBNET);
    o.put("cores", Bench.cores());
    o.put("fqdn", r.fqdn());
    o.put("ttlMillis", r.ttl().toMillis());
    o.put("checkIntervalMillis", r.checkInterval().toMillis());
    o.put("boundMillis", r.bound().toMillis());
    List<Map<String, Object>> ls = new ArrayList<>();
    for (Latency l : r.latency()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dc", l.dc());
      m.put("server", l.server());
      m.put("queries", l.figures().sent());
      m.put("answered", l.figures().millis().size());
      m.put("p50Millis", l.figures().percentile(0.5));
      m.put("p99Millis", l.figures().percentile(0.99));
      m.put("maxMillis", l.figures().max());
      m.put("answer", l.answer());
      ls.add(m);
    }
    o.put("latency", ls);
    o.put("victim", r.victim());
    o.put("victimServers", r.victimServers());
    o.put("pollMillis", POLL_MILLIS);
    List<Map<String, Object>> rs = new ArrayList<>();
    for (int i = 0; i < r.rounds().size(); i++) {
      Round d = r.rounds().get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("round", i + 1);
      m.put("failoverMillis", d.failover());
      m.put("answers", d.movedTo());
      m.put("backMillis", d.back());
      rs.add(m);
    }
    o.put("rounds", rs);
    o.put("failover", summaryJson(r.figures(true)));
    o.put("back", summaryJson(r.figures(false)));
    o.put("withinBound", r.withinBound());
    o.put("complete", r.complete());
    out.println(Json.MAPPER.writeValueAsString(o));
  }

  private static Map<String, Object> summaryJson(Figures f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("minMillis", f.percentile(0));
    m.put("medianMillis", median(f));
    m.put("maxMillis", f.max());
    m.put("measured", f.millis().size());
    return m;
  }
}

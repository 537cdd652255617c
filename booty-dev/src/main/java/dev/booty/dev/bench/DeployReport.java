package dev.booty.dev.bench;

import static dev.booty.dev.bench.DeployBenchmark.SUBNET;
import static dev.booty.dev.bench.DeployBenchmark.TRIPS;

import dev.booty.cli.Table;
import dev.booty.core.util.Json;
import dev.booty.dev.bench.DeployBenchmark.Result;
import dev.booty.dev.bench.DeployBenchmark.Round;
import dev.booty.dev.bench.DeployBenchmark.Rtt;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link DeployBenchmark}'s figures: tables for people, or one JSON object; {@code scenario} is the
 * file as the user named it.
 */
public record DeployReport(Path scenario, Result r) implements Report {
  @Override
  public void print(PrintStream out) {
    out.println(
        "bench deploy: "
            + scenario
            + " as "
            + r.scenario().name()
            + " on "
            + SUBNET
            + ".0.0/16, "
            + Bench.cores()
            + " cores");
    List<Round> done = r.rounds();
    List<Double> destroys = r.destroys();
    Table t = new Table("CASE", "SECONDS", "NOTE");
    for (int i = 0; i < done.size(); i++) {
      Round d = done.get(i);
      String round = " (round " + (i + 1) + ")";
      t.row("booty deploy, cold" + round, Bench.f2(d.cold()), d.passing());
      t.row(
          "booty deploy, no-op redeploy" + round,
          Bench.f2(d.noop()),
          d.unchanged() + " job(s) unchanged, " + d.changed() + " changed");
      if (i < destroys.size()) {
        t.row("booty destroy" + round, Bench.f2(destroys.get(i)), "");
      }
    }
    if (done.size() > 1) {
      t.row("booty deploy, cold (mean of " + done.size() + ")", Bench.f2(r.mean(true)), "");
      t.row("booty deploy, no-op (mean of " + done.size() + ")", Bench.f2(r.mean(false)), "");
    }
    t.print(out);
    out.println();
    out.println(
        "request/reply round trips, " + TRIPS + " per pair (client in FROM, responder in TO)");
    Table m =
        new Table("FROM", "TO", "CONFIGURED RTT", "MEASURED MEDIAN", "MEASURED MIN", "REPLIES");
    for (Rtt p : r.rtt()) {
      m.row(
          p.from(),
          p.to(),
          p.configured().toMillis() + " ms",
          Bench.ms(p.median(), "no reply"),
          Bench.ms(p.min(), "no reply"),
          p.millis().size() + "/" + TRIPS);
    }
    m.print(out);
  }

  @Override
  public void printJson(PrintStream out) throws IOException {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("scenario", scenario.toString());
    o.put("name", r.scenario().name());
    o.put("subnet", SUBNET);
    o.put("cores", Bench.cores());
    List<Map<String, Object>> rs = new ArrayList<>();
    for (int i = 0; i < r.rounds().size(); i++) {
      Round d = r.rounds().get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("round", i + 1);
      m.put("coldSeconds", d.cold());
      m.put("noopSeconds", d.noop());
      m.put("noopUnchangedJobs", d.unchanged());
      m.put("noopChangedJobs", d.changed());
      m.put("destroySeconds", i < r.destroys().size() ? r.destroys().get(i) : null);
      rs.add(m);
    }
    o.put("rounds", rs);
    o.put("meanColdSeconds", r.mean(true));
    o.put("meanNoopSeconds", r.mean(false));
    List<Map<String, Object>> pairs = new ArrayList<>();
    for (Rtt p : r.rtt()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("from", p.from());
      m.put("to", p.to());
      m.put("fromServer", p.fromServer());
      m.put("toServer", p.toServer());
      m.put("configuredMillis", p.configured().toMillis());
      m.put("medianMillis", p.median());
      m.put("minMillis", p.min());
      m.put("replies", p.millis().size());
      m.put("requests", TRIPS);
      pairs.add(m);
    }
    o.put("rtt", pairs);
    out.println(Json.MAPPER.writeValueAsString(o));
  }
}

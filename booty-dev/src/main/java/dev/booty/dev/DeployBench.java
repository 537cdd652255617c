package dev.booty.dev;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.OutputOptions;
import dev.booty.cli.Table;
import dev.booty.core.BootyException;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.util.Json;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Times {@code booty deploy} of a scenario to all servers passing in Consul, cold (nothing
 * deployed) and as a no-op redeploy, and measures the request/reply round trip between every
 * ordered pair of its data centres next to the configured WAN latency. Runs in a temporary home on
 * free ports, with the scenario renamed ({@value #NAME}) and moved onto a loopback subnet of its
 * own ({@value #SUBNET}), so it never touches the user's stack or deployments.
 */
@Command(
    name = "deploy",
    description = {
      "Time booty deploy to all servers passing in Consul (cold, then a no-op redeploy; --rounds"
          + " cold deploys with a destroy in between) and measure the request/reply RTT between"
          + " every pair of data centres, in a temporary home on free ports, the scenario renamed "
          + DeployBench.NAME
          + " on subnet "
          + DeployBench.SUBNET
          + "."
    })
final class DeployBench extends BaseCommand {
  static final String NAME = "bench-3dc";
  static final String SUBNET = "127.79";
  static final int TRIPS = 20;
  private static final Duration WARM_UP = Duration.ofSeconds(30);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Option(names = "--scenario", description = "the scenario to deploy (default: ${DEFAULT-VALUE})")
  Path scenario = Path.of("scenarios/local-3dc.yaml");

  @Option(
      names = "--rounds",
      description = "cold deploys, destroyed in between (default: ${DEFAULT-VALUE})")
  int rounds = 2;

  @Mixin OutputOptions output;

  DeployBench(CliContext ctx) {
    super(ctx);
  }

  /** One round: a cold deploy, a redeploy of the same file, and how many jobs it left alone. */
  record Round(double cold, double noop, int unchanged, int changed, String passing) {}

  /** Round trips from a client on {@code fromServer} to a responder on {@code toServer}. */
  record Rtt(
      String from,
      String to,
      String fromServer,
      String toServer,
      Duration configured,
      List<Double> millis) {
    Double median() {
      if (millis.isEmpty()) {
        return null;
      }
      int n = millis.size();
      return n % 2 == 1 ? millis.get(n / 2) : (millis.get(n / 2 - 1) + millis.get(n / 2)) / 2;
    }

    Double min() {
      return millis.isEmpty() ? null : millis.get(0);
    }
  }

  @Override
  protected int execute() throws Exception {
    if (rounds < 1) {
      throw BootyException.usage("--rounds: at least 1, not " + rounds);
    }
    try (BenchStack stack = new BenchStack(ctx, NAME, SUBNET)) {
      Scenario s = stack.up(scenario);
      String consul = "http://127.0.0.1:" + stack.port("consul.http");
      List<Round> done = new ArrayList<>();
      List<Double> destroys = new ArrayList<>();
      for (int i = 1; i <= rounds; i++) {
        if (i > 1) {
          stack.progress("round " + i + ": booty destroy");
          destroys.add(secs(stack::destroy));
        }
        stack.progress("round " + i + ": booty deploy, cold");
        String[] out = new String[2];
        double cold = secs(() -> out[0] = stack.deploy());
        stack.progress("round " + i + ": booty deploy, no-op");
        double noop = secs(() -> out[1] = stack.deploy());
        done.add(
            new Round(
                cold, noop, count(out[1], ": unchanged"), changed(out[1]), passingLine(out[0])));
      }
      stack.progress("round trips between data centres");
      List<Rtt> matrix = rttMatrix(s, servers(consul, s));
      stack.progress("booty destroy");
      destroys.add(secs(stack::destroy));
      if (output.json) {
        printJson(s, done, destroys, matrix);
      } else {
        print(s, done, destroys, matrix);
      }
      return matrix.stream().allMatch(r -> r.millis().size() == TRIPS) ? 0 : 1;
    }
  }

  /** The passing servers of the scenario in Consul, {@code address:port}, per data centre. */
  static Map<String, List<String>> servers(String consul, Scenario s) throws Exception {
    String url = consul + "/v1/health/service/" + s.name() + "-nats?passing=true";
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw BootyException.failure(url + " answered " + r.statusCode() + ": " + r.body());
    }
    Map<String, List<String>> byDc = new TreeMap<>();
    for (JsonNode entry : Json.MAPPER.readTree(r.body())) {
      JsonNode service = entry.path("Service");
      String address = service.path("Address").asText() + ":" + service.path("Port").asInt();
      for (JsonNode tag : service.path("Tags")) {
        if (tag.asText().startsWith("dc-")) {
          byDc.computeIfAbsent(tag.asText().substring(3), k -> new ArrayList<>()).add(address);
        }
      }
    }
    byDc.values().forEach(l -> l.sort(String::compareTo));
    for (String dc : s.datacenterNames()) {
      if (!byDc.containsKey(dc)) {
        throw BootyException.failure(url + " lists no passing server tagged dc-" + dc);
      }
    }
    return byDc;
  }

  /** Every ordered pair of data centres, same-DC pairs included, in the scenario's order. */
  private List<Rtt> rttMatrix(Scenario s, Map<String, List<String>> servers) throws Exception {
    List<Rtt> out = new ArrayList<>();
    for (String a : s.datacenterNames()) {
      for (String b : s.datacenterNames()) {
        String from = servers.get(a).get(0);
        List<String> inB = servers.get(b);
        // inside one data centre: two different servers, so the route between them is measured
        String to = a.equals(b) && inB.size() > 1 ? inB.get(1) : inB.get(0);
        out.add(
            new Rtt(a, b, from, to, s.rtt(a, b), roundTrips(from, to, "bench.rtt." + a + "." + b)));
      }
    }
    return out;
  }

  /**
   * {@value #TRIPS} request/reply round trips in milliseconds, sorted; fewer when requests went
   * unanswered, none when the responder's interest never reached the requester's server.
   */
  private List<Double> roundTrips(String from, String to, String subject) throws Exception {
    try (Connection requester = connect(from);
        Connection responder = connect(to)) {
      var d = responder.createDispatcher(m -> responder.publish(m.getReplyTo(), m.getData()));
      d.subscribe(subject);
      responder.flush(Duration.ofSeconds(2));
      // the responder's interest crosses the gateways (over the WAN) before a request finds it:
      // until then the requester's server answers "no responders" at once (a null reply)
      Instant deadline = Instant.now().plus(WARM_UP);
      Message warm = null;
      while (warm == null && Instant.now().isBefore(deadline)) {
        warm = requester.request(subject, new byte[1], Duration.ofMillis(500));
        if (warm == null) {
          Thread.sleep(200);
        }
      }
      if (warm == null) {
        ctx.err().println("no reply on " + subject + " from " + to + " after " + WARM_UP);
        return List.of();
      }
      for (int i = 0; i < 3; i++) {
        requester.request(subject, new byte[16], Duration.ofSeconds(2));
      }
      List<Double> millis = new ArrayList<>();
      for (int i = 0; i < TRIPS; i++) {
        long start = System.nanoTime();
        Message m = requester.request(subject, new byte[16], Duration.ofSeconds(2));
        if (m != null) {
          millis.add((System.nanoTime() - start) / 1e6);
        }
      }
      millis.sort(Double::compare);
      return millis;
    }
  }

  private static Connection connect(String address) throws Exception {
    return Nats.connect(
        new Options.Builder()
            .server("nats://" + address)
            .noRandomize()
            .connectionTimeout(Duration.ofSeconds(5))
            .build());
  }

  private void print(Scenario s, List<Round> done, List<Double> destroys, List<Rtt> matrix) {
    ctx.out()
        .println(
            "bench deploy: "
                + scenario
                + " as "
                + s.name()
                + " on "
                + SUBNET
                + ".0.0/16, "
                + Runtime.getRuntime().availableProcessors()
                + " cores");
    Table t = new Table("CASE", "SECONDS", "NOTE");
    for (int i = 0; i < done.size(); i++) {
      Round r = done.get(i);
      String round = " (round " + (i + 1) + ")";
      t.row("booty deploy, cold" + round, f2(r.cold()), r.passing());
      t.row(
          "booty deploy, no-op redeploy" + round,
          f2(r.noop()),
          r.unchanged() + " job(s) unchanged, " + r.changed() + " changed");
      if (i < destroys.size()) {
        t.row("booty destroy" + round, f2(destroys.get(i)), "");
      }
    }
    if (done.size() > 1) {
      t.row("booty deploy, cold (mean of " + done.size() + ")", f2(mean(done, true)), "");
      t.row("booty deploy, no-op (mean of " + done.size() + ")", f2(mean(done, false)), "");
    }
    t.print(ctx.out());
    ctx.out().println();
    ctx.out()
        .println(
            "request/reply round trips, " + TRIPS + " per pair (client in FROM, responder in TO)");
    Table m =
        new Table("FROM", "TO", "CONFIGURED RTT", "MEASURED MEDIAN", "MEASURED MIN", "REPLIES");
    for (Rtt r : matrix) {
      m.row(
          r.from(),
          r.to(),
          r.configured().toMillis() + " ms",
          ms(r.median()),
          ms(r.min()),
          r.millis().size() + "/" + TRIPS);
    }
    m.print(ctx.out());
  }

  private void printJson(Scenario s, List<Round> done, List<Double> destroys, List<Rtt> matrix)
      throws IOException {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("scenario", scenario.toString());
    o.put("name", s.name());
    o.put("subnet", SUBNET);
    o.put("cores", Runtime.getRuntime().availableProcessors());
    List<Map<String, Object>> rs = new ArrayList<>();
    for (int i = 0; i < done.size(); i++) {
      Round r = done.get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("round", i + 1);
      m.put("coldSeconds", r.cold());
      m.put("noopSeconds", r.noop());
      m.put("noopUnchangedJobs", r.unchanged());
      m.put("noopChangedJobs", r.changed());
      m.put("destroySeconds", i < destroys.size() ? destroys.get(i) : null);
      rs.add(m);
    }
    o.put("rounds", rs);
    o.put("meanColdSeconds", mean(done, true));
    o.put("meanNoopSeconds", mean(done, false));
    List<Map<String, Object>> pairs = new ArrayList<>();
    for (Rtt r : matrix) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("from", r.from());
      m.put("to", r.to());
      m.put("fromServer", r.fromServer());
      m.put("toServer", r.toServer());
      m.put("configuredMillis", r.configured().toMillis());
      m.put("medianMillis", r.median());
      m.put("minMillis", r.min());
      m.put("replies", r.millis().size());
      m.put("requests", TRIPS);
      pairs.add(m);
    }
    o.put("rtt", pairs);
    ctx.out().println(Json.MAPPER.writeValueAsString(o));
  }

  private static double mean(List<Round> done, boolean cold) {
    return done.stream().mapToDouble(r -> cold ? r.cold() : r.noop()).average().orElse(0);
  }

  private static String passingLine(String out) {
    return out.lines()
        .filter(l -> l.contains("servers passing in Consul"))
        .map(l -> l.replaceFirst(";.*", ""))
        .findFirst()
        .orElse("");
  }

  private static int count(String out, String suffix) {
    return (int) out.lines().filter(l -> l.startsWith("job ") && l.contains(suffix)).count();
  }

  private static int changed(String out) {
    return count(out, ": created") + count(out, ": updated");
  }

  private static String f2(double d) {
    return String.format(Locale.ROOT, "%.2f", d);
  }

  private static String ms(Double d) {
    return d == null ? "no reply" : String.format(Locale.ROOT, "%.2f ms", d);
  }

  private interface Step {
    void run() throws Exception;
  }

  private static double secs(Step step) throws Exception {
    long start = System.nanoTime();
    step.run();
    return (System.nanoTime() - start) / 1e9;
  }
}

package dev.booty.dev.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.cli.CliContext;
import dev.booty.core.BootyException;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.util.Json;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Times {@code booty deploy} of a scenario to all servers passing in Consul, cold (nothing
 * deployed) and as a no-op redeploy, and measures the request/reply round trip between every
 * ordered pair of its data centres next to the configured WAN latency. Runs on a {@link
 * BenchStack}: a temporary home on free ports, the scenario renamed {@value #NAME} and moved onto a
 * loopback subnet of its own ({@value #SUBNET}), so it never touches the user's stack or
 * deployments.
 */
public final class DeployBenchmark {
  public static final String NAME = "bench-3dc";
  public static final String SUBNET = "127.79";
  public static final int TRIPS = 20;
  private static final Duration WARM_UP = Duration.ofSeconds(30);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final CliContext ctx;
  private final Settings settings;

  /** The scenario to deploy; cold deploys, destroyed in between (at least 1). */
  public record Settings(Path scenario, int rounds) {}

  /** One round: a cold deploy, a redeploy of the same file, and how many jobs it left alone. */
  public record Round(double cold, double noop, int unchanged, int changed, String passing) {}

  /** Round trips from a client on {@code fromServer} to a responder on {@code toServer}. */
  public record Rtt(
      String from,
      String to,
      String fromServer,
      String toServer,
      Duration configured,
      List<Double> millis) {
    public Double median() {
      if (millis.isEmpty()) {
        return null;
      }
      int n = millis.size();
      return n % 2 == 1 ? millis.get(n / 2) : (millis.get(n / 2 - 1) + millis.get(n / 2)) / 2;
    }

    public Double min() {
      return millis.isEmpty() ? null : millis.get(0);
    }
  }

  /** The deployed scenario (renamed), the rounds, the destroys' seconds, the RTT matrix. */
  public record Result(
      Scenario scenario, List<Round> rounds, List<Double> destroys, List<Rtt> rtt) {
    /** Every pair answered every request. */
    public boolean complete() {
      return rtt.stream().allMatch(r -> r.millis().size() == TRIPS);
    }

    /** The mean of the cold deploys, or of the no-op ones. */
    public double mean(boolean cold) {
      return rounds.stream().mapToDouble(r -> cold ? r.cold() : r.noop()).average().orElse(0);
    }
  }

  /** {@code ctx}: the user's environment, and where progress and warnings go. */
  public DeployBenchmark(CliContext ctx, Settings settings) {
    this.ctx = ctx;
    this.settings = settings;
  }

  public Result run() throws Exception {
    try (BenchStack stack = new BenchStack(ctx, NAME, SUBNET)) {
      Scenario s = stack.up(settings.scenario());
      var security =
          dev.booty.core.security.StackCredentials.load(
              new dev.booty.core.home.BootyHome(stack.home()));
      String consul =
          dev.booty.core.security.StackCredentials.apiUrl(security, stack.port("consul.http"));
      dev.booty.api.StackHttp http = dev.booty.api.StackHttp.of(security);
      List<Round> done = new ArrayList<>();
      List<Double> destroys = new ArrayList<>();
      for (int i = 1; i <= settings.rounds(); i++) {
        if (i > 1) {
          stack.progress("round " + i + ": booty destroy");
          destroys.add(Bench.seconds(stack::destroy));
        }
        stack.progress("round " + i + ": booty deploy, cold");
        String[] out = new String[2];
        double cold = Bench.seconds(() -> out[0] = stack.deploy());
        stack.progress("round " + i + ": booty deploy, no-op");
        double noop = Bench.seconds(() -> out[1] = stack.deploy());
        done.add(
            new Round(
                cold, noop, count(out[1], ": unchanged"), changed(out[1]), passingLine(out[0])));
      }
      stack.progress("round trips between data centres");
      List<Rtt> matrix = rttMatrix(s, servers(http, consul, s));
      stack.progress("booty destroy");
      destroys.add(Bench.seconds(stack::destroy));
      return new Result(s, done, destroys, matrix);
    }
  }

  /** The passing servers of the scenario in Consul, {@code address:port}, per data centre. */
  static Map<String, List<String>> servers(dev.booty.api.StackHttp http, String consul, Scenario s)
      throws Exception {
    String url = consul + "/v1/health/service/" + s.name() + "-nats?passing=true";
    HttpResponse<String> r =
        http.client()
            .send(
                http.consul(url).timeout(Duration.ofSeconds(10)).build(),
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
          millis.add(Bench.millisSince(start));
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
}

package dev.booty.dev.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.cli.CliContext;
import dev.booty.core.BootyException;
import dev.booty.core.dns.DnsAnswers;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import dev.booty.core.util.Json;
import dev.booty.core.util.Poll;
import dev.booty.dev.bench.BackChannelBenchmark.Figures;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import javax.naming.NamingException;

/**
 * Measures geo DNS as a data centre's clients meet it: how fast each data centre's own PowerDNS
 * answers the scenario's name, and how long after a data centre's servers freeze (SIGSTOP, as a
 * silent outage) its DNS stops naming them, and after they thaw names them again, next to the bound
 * the scenario's TTL and check interval give. Runs on a {@link BenchStack}: a temporary home on
 * free ports, the scenario renamed {@value #NAME} on its own loopback subnet ({@value #SUBNET}).
 * Only the deploy matters: the scenario's clients and steps are not run.
 */
public final class DnsBenchmark {
  public static final String NAME = "bench-dns";
  public static final String SUBNET = "127.89";
  public static final String PLUGIN = "powerdns";
  public static final int POLL_MILLIS = 50;
  public static final int WARM_UP = 5;
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(1);

  private final CliContext ctx;
  private final Settings settings;

  /**
   * @param queries per data centre, for the answer latency
   * @param rounds freezes of the victim's servers
   * @param victim the data centre to freeze; null for the one farthest from the others
   */
  public record Settings(Path scenario, int queries, int rounds, String victim) {}

  /** One data centre's DNS server, the answers' latency and what it answered first. */
  public record Latency(String dc, String server, Figures figures, List<String> answer) {}

  /**
   * One freeze: milliseconds from SIGSTOP until the victim's DNS named none of its servers, and
   * from SIGCONT until it named exactly them again; null when that did not happen within the wait.
   *
   * @param movedTo the data centres the changed answer named, as the victim sees them
   */
  public record Round(Double failover, List<String> movedTo, Double back) {}

  /** The deployed scenario (renamed), the name asked, the figures. */
  public record Result(
      Scenario scenario,
      String fqdn,
      Duration ttl,
      Duration checkInterval,
      List<Latency> latency,
      String victim,
      List<String> victimServers,
      List<Round> rounds) {
    /** TTL + check interval + 1 s: how long a silent data centre may stay in its own answer. */
    public Duration bound() {
      return DnsBenchmark.bound(ttl, checkInterval);
    }

    /** Every query answered and every round measured both ways. */
    public boolean complete() {
      return latency.stream().allMatch(l -> l.figures().complete())
          && rounds.stream().allMatch(r -> r.failover() != null && r.back() != null);
    }

    /** Every round's failover was measured and within {@link #bound}. */
    public boolean withinBound() {
      return !rounds.isEmpty()
          && rounds.stream()
              .allMatch(r -> r.failover() != null && r.failover() <= bound().toMillis());
    }

    /** The rounds' failover (or back, when not {@code failover}) times that were measured. */
    public Figures figures(boolean failover) {
      return new Figures(
          rounds.size(),
          rounds.stream()
              .map(r -> failover ? r.failover() : r.back())
              .filter(v -> v != null)
              .toList());
    }
  }

  /** {@code ctx}: the user's environment, and where progress and warnings go. */
  public DnsBenchmark(CliContext ctx, Settings settings) {
    this.ctx = ctx;
    this.settings = settings;
  }

  public Result run() throws Exception {
    Scenario original = ScenarioLoader.load(settings.scenario());
    String victim = check(original, settings.victim());
    try (BenchStack stack = new BenchStack(ctx, NAME, SUBNET)) {
      Scenario s = stack.up(settings.scenario(), List.of("pdns-server"));
      stack.progress("booty deploy --plan: each data centre's DNS server and view of the servers");
      JsonNode plan = Json.MAPPER.readTree(stack.run("deploy", "--plan", "--json", file(stack)));
      Map<String, String> dns = dnsServers(plan);
      Map<String, String> owners = owners(plan, victim);
      List<String> own = addressesOf(owners, victim);
      String fqdn = plan.path("dns").path("fqdn").asText(s.dns().fqdn());
      stack.progress("booty deploy");
      stack.deploy();
      List<Latency> latency = new ArrayList<>();
      for (String dc : s.datacenterNames()) {
        stack.progress("answer latency from " + dc + ": " + settings.queries() + " queries");
        latency.add(latency(dc, dns.get(dc), fqdn));
      }
      Duration bound = bound(s.dns().ttl(), s.dns().checkInterval());
      Duration wait = bound.multipliedBy(3).plusSeconds(10);
      List<Long> pids = natsServers(stack.home(), victim);
      if (pids.size() != s.servers(victim)) {
        throw BootyException.failure(
            "found "
                + pids.size()
                + " nats-server process(es) of data centre "
                + victim
                + " under "
                + stack.home()
                + ", not its "
                + s.servers(victim)
                + ": "
                + pids);
      }
      String server = dns.get(victim);
      List<Round> rounds = new ArrayList<>();
      for (int i = 1; i <= settings.rounds(); i++) {
        stack.progress(
            "round " + i + ": freeze " + victim + "'s servers, wait for its DNS to answer another");
        Double failover;
        List<String> answer;
        try {
          long start = System.nanoTime();
          signal("STOP", pids);
          answer = awaitAnswer(server, fqdn, a -> movedAway(a, own), wait);
          failover = answer == null ? null : Bench.millisSince(start);
        } finally {
          signal("CONT", pids);
        }
        long thawed = System.nanoTime();
        stack.progress("round " + i + ": thawed, wait for " + victim + "'s own servers");
        List<String> again = awaitAnswer(server, fqdn, a -> a.equals(own), wait);
        Double back = again == null ? null : Bench.millisSince(thawed);
        rounds.add(new Round(failover, answer == null ? List.of() : dcsOf(answer, owners), back));
        if (back == null) {
          ctx.err().println(victim + "'s DNS did not name its own servers again within " + wait);
          break;
        }
      }
      stack.progress("booty destroy");
      stack.destroy();
      return new Result(
          s, fqdn, s.dns().ttl(), s.dns().checkInterval(), latency, victim, own, rounds);
    }
  }

  private static String file(BenchStack stack) {
    return stack.file().toString();
  }

  /**
   * The victim of the freezes ({@code chosen}, else the data centre farthest from the others); a
   * usage error when the scenario cannot be measured.
   */
  static String check(Scenario s, String chosen) {
    if (s.dns() == null || !PLUGIN.equals(s.plugins().dns())) {
      throw BootyException.usage(
          s.file()
              + ": plugins.dns must be "
              + PLUGIN
              + " (a DNS server booty runs in each data centre), not "
              + s.plugins().dns());
    }
    if (s.datacenterNames().size() < 2) {
      throw BootyException.usage(
          s.file() + ": at least 2 data centres, so a frozen one has another to answer");
    }
    if (chosen == null) {
      return farthest(s.datacenterNames(), s::rtt);
    }
    if (!s.datacenterNames().contains(chosen)) {
      throw BootyException.usage(
          "--victim: "
              + s.file()
              + " has no data centre "
              + chosen
              + " (it has "
              + String.join(", ", s.datacenterNames())
              + ")");
    }
    return chosen;
  }

  /**
   * The data centre with the largest sum of round trips to all others: its clients depend most on
   * their own servers. The first in the scenario's order on a tie.
   */
  static String farthest(List<String> dcs, BiFunction<String, String, Duration> rtt) {
    String best = null;
    long most = -1;
    for (String a : dcs) {
      long sum = 0;
      for (String b : dcs) {
        if (!a.equals(b)) {
          sum += rtt.apply(a, b).toMillis();
        }
      }
      if (sum > most) {
        most = sum;
        best = a;
      }
    }
    return best;
  }

  /** TTL + check interval + 1 s, the bound geo DNS promises a silent data centre's clients. */
  static Duration bound(Duration ttl, Duration checkInterval) {
    return ttl.plus(checkInterval).plusSeconds(1);
  }

  /** An answer that names servers, none of them {@code victims}. */
  static boolean movedAway(List<String> answer, List<String> victims) {
    return !answer.isEmpty() && Collections.disjoint(answer, victims);
  }

  /** Each data centre's DNS server, from the plan's hosted data centres ({@code dns.address}). */
  static Map<String, String> dnsServers(JsonNode plan) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode dc : plan.path("dataCentres")) {
      String address = dc.path("hosted").path("attributes").path("dns.address").asText("");
      if (address.isEmpty()) {
        throw BootyException.failure(
            "booty deploy --plan names no DNS server (hosted.attributes.dns.address) for data"
                + " centre "
                + dc.path("name").asText()
                + ": does the hosting plugin run one?");
      }
      out.put(dc.path("name").asText(), address);
    }
    return out;
  }

  /**
   * Which data centre each server address belongs to as {@code dc} sees it (its names for the
   * endpoints: its own servers, its ends of the WAN links to the others').
   */
  static Map<String, String> owners(JsonNode plan, String dc) {
    JsonNode view = plan.path("names").path(dc);
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode e : plan.path("endpoints")) {
      String address = view.path(e.path("hostName").asText()).asText(e.path("address").asText());
      out.put(address, e.path("dataCenter").asText());
    }
    return out;
  }

  /** The addresses {@code owners} gives {@code dc}, sorted as {@link DnsAnswers#ask} sorts. */
  static List<String> addressesOf(Map<String, String> owners, String dc) {
    List<String> out = new ArrayList<>();
    owners.forEach(
        (address, owner) -> {
          if (owner.equals(dc)) {
            out.add(address);
          }
        });
    if (out.isEmpty()) {
      throw BootyException.failure("booty deploy --plan lists no server of data centre " + dc);
    }
    return new ArrayList<>(new TreeSet<>(out));
  }

  /** The data centres an answer names ({@code ?} for an address nobody owns), sorted. */
  static List<String> dcsOf(List<String> answer, Map<String, String> owners) {
    Set<String> out = new TreeSet<>();
    answer.forEach(a -> out.add(owners.getOrDefault(a, "?" + a)));
    return List.copyOf(out);
  }

  /** {@value #WARM_UP} uncounted queries, then the counted ones, one at a time. */
  private Latency latency(String dc, String server, String fqdn) {
    List<String> first = List.of();
    for (int i = 0; i < WARM_UP; i++) {
      first = askQuietly(server, fqdn);
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < settings.queries(); i++) {
      long start = System.nanoTime();
      List<String> got = askQuietly(server, fqdn);
      if (!got.isEmpty()) {
        millis.add(Bench.millisSince(start));
      }
    }
    return new Latency(dc, server, new Figures(settings.queries(), millis), first);
  }

  /** The answer, empty when the server did not answer or named nothing. */
  private static List<String> askQuietly(String server, String fqdn) {
    try {
      return DnsAnswers.ask(server, fqdn, QUERY_TIMEOUT);
    } catch (NamingException e) {
      return List.of();
    }
  }

  /**
   * Asks every {@value #POLL_MILLIS} ms until the answer passes {@code want}; that answer, or null
   * when none did within {@code wait}.
   */
  private static List<String> awaitAnswer(
      String server, String fqdn, Predicate<List<String>> want, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      List<String> got = askQuietly(server, fqdn);
      if (want.test(got)) {
        return got;
      }
      Poll.pause(Duration.ofMillis(POLL_MILLIS));
    }
    return null;
  }

  /**
   * The nats-server processes of data centre {@code dc} of this bench's home: their configuration
   * lives in its Nomad allocations, under {@code home} and a {@code dc-NAME} folder.
   */
  static List<Long> natsServers(Path home, String dc) {
    String under = home.toString() + "/";
    List<Long> out = new ArrayList<>();
    for (ProcessHandle h : ProcessHandle.allProcesses().toList()) {
      String cmd = h.info().command().orElse("");
      String line = h.info().commandLine().orElse("");
      if (cmd.endsWith("/nats-server")
          && line.contains(under)
          && line.contains("/dc-" + dc + "/")) {
        out.add(h.pid());
      }
    }
    return out;
  }

  /** {@code kill -SIGNAL pids...}, all at once. */
  static void signal(String signal, List<Long> pids) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(p -> cmd.add(Long.toString(p)));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw BootyException.failure(String.join(" ", cmd) + " failed: " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BootyException.failure("interrupted: " + String.join(" ", cmd));
    }
  }
}

package dev.booty.dev.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.cli.CliContext;
import dev.booty.core.BootyException;
import dev.booty.core.backchannel.metrics.MetricsQuery;
import dev.booty.core.backchannel.protocol.Command.Ping;
import dev.booty.core.backchannel.protocol.Protocol;
import dev.booty.core.backchannel.protocol.ProtocolConnections;
import dev.booty.core.backchannel.protocol.ProtocolException;
import dev.booty.core.backchannel.protocol.Subjects;
import dev.booty.core.home.BootyHome;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.stack.NatsTrust;
import dev.booty.core.util.Json;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Measures the back channel (docs/backchannel.md) of a deployed scenario: the round trip of {@code
 * ping} from booty to every node's agent over the control-plane NATS, and how long a telemetry
 * sample takes from being published to being answered by VictoriaMetrics. Runs on a {@link
 * BenchStack}: a temporary home on free ports, the scenario renamed {@value #NAME} on subnet
 * {@value #SUBNET}.
 */
public final class BackChannelBenchmark {
  public static final String NAME = "bench-bc";
  public static final String SUBNET = "127.80";

  /** The node name the telemetry probes publish as (with an agent's creds of that name). */
  static final String PROBE = "bench-probe";

  static final String PROBE_METRIC = "booty_bench_probe";
  public static final int WARM_UP = 3;
  static final long POLL_MILLIS = 50;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration AGENTS_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

  private final CliContext ctx;
  private final Settings settings;
  private final int pings;
  private final int probes;

  /** The scenario to deploy; pings per node and telemetry probes (each at least 1). */
  public record Settings(Path scenario, int pings, int probes) {}

  /** A node booty heard, as {@code booty nodes --json} lists it. */
  public record Node(String node, String dc) {}

  /**
   * Round trips or delays in milliseconds, sorted, out of {@code sent}; the percentiles by nearest
   * rank, null when nothing came back.
   */
  public record Figures(int sent, List<Double> millis) {
    public Figures {
      millis = millis.stream().sorted().toList();
    }

    public Double percentile(double q) {
      if (millis.isEmpty()) {
        return null;
      }
      int rank = (int) Math.ceil(q * millis.size());
      return millis.get(Math.max(0, rank - 1));
    }

    public Double max() {
      return percentile(1.0);
    }

    public boolean complete() {
      return millis.size() == sent;
    }
  }

  /** One node's own measurement in {@code booty cmd all ping --json}. */
  public record AgentView(String node, String dc, String state, Double rttMs, Long clockOffsetMs) {}

  /** Everything measured, for printing; {@code agentsError} is null when the agents answered. */
  public record Result(
      String url,
      List<Node> nodes,
      List<Figures> perNode,
      Figures overall,
      Figures telemetry,
      List<AgentView> agents,
      String agentsError) {
    /** Every ping and probe answered, and the agents' own view too. */
    public boolean complete() {
      return overall.complete() && telemetry.complete() && agentsError == null;
    }
  }

  /** {@code ctx}: the user's environment, and where progress and warnings go. */
  public BackChannelBenchmark(CliContext ctx, Settings settings) {
    this.ctx = ctx;
    this.settings = settings;
    this.pings = settings.pings();
    this.probes = settings.probes();
  }

  public Result run() throws Exception {
    try (BenchStack stack = new BenchStack(ctx, NAME, SUBNET)) {
      Scenario s = stack.up(settings.scenario());
      stack.progress("booty deploy");
      stack.deploy();
      List<Node> nodes = awaitNodes(stack, s.datacenterNames().size());
      String url = "nats://127.0.0.1:" + stack.port("nats.client");
      Path bootyCreds = new BootyHome(stack.home()).stack().bootyCreds();
      List<Figures> perNode = new ArrayList<>();
      Figures telemetry;
      try (Connection nc = ProtocolConnections.connect(url, bootyCreds, this::warn)) {
        for (Node n : nodes) {
          stack.progress("ping " + n.node() + " " + pings + " times");
          perNode.add(pings(nc, n));
        }
      }
      Path probeCreds = stack.work().resolve("agent-" + PROBE + ".creds");
      Files.writeString(
          probeCreds, NatsTrust.ensure(stack.home().resolve("stack/nats")).agentCreds(PROBE));
      URI vm =
          dev.booty.core.security.StackCredentials.victoriaMetrics(
              new dev.booty.core.home.BootyHome(stack.home()), stack.port("victoria-metrics.http"));
      try (Connection probe = ProtocolConnections.connect(url, probeCreds, this::warn)) {
        stack.progress(probes + " telemetry probes on " + Subjects.telemetry(PROBE));
        telemetry = probes(probe, new MetricsQuery(vm));
      }
      stack.progress("booty cmd all ping --json");
      List<AgentView> agents = new ArrayList<>();
      String agentsError = agentsView(stack, agents);
      List<Double> all = new ArrayList<>();
      perNode.forEach(f -> all.addAll(f.millis()));
      Figures overall = new Figures(pings * nodes.size(), all);
      return new Result(url, nodes, perNode, overall, telemetry, agents, agentsError);
    }
  }

  /** Polls {@code booty nodes --json} until it lists {@code expected} nodes of the scenario. */
  private List<Node> awaitNodes(BenchStack stack, int expected) throws Exception {
    stack.progress("waiting for " + expected + " agents (booty nodes --json)");
    long deadline = System.nanoTime() + AGENTS_TIMEOUT.toNanos();
    List<Node> nodes = List.of();
    while (System.nanoTime() < deadline) {
      nodes = new ArrayList<>();
      for (JsonNode n : Json.MAPPER.readTree(stack.run("nodes", "--json"))) {
        if (NAME.equals(n.path("scenario").asText())) {
          nodes.add(new Node(n.path("node").asText(), n.path("dc").asText()));
        }
      }
      if (nodes.size() >= expected) {
        return nodes;
      }
    }
    throw BootyException.failure(
        "booty nodes lists "
            + nodes.size()
            + " agent(s) of "
            + NAME
            + " after "
            + AGENTS_TIMEOUT.toSeconds()
            + " s, not "
            + expected
            + ": "
            + nodes);
  }

  /** {@link #WARM_UP} uncounted pings, then {@code pings} timed ones, one after the other. */
  private Figures pings(Connection nc, Node n) throws Exception {
    String subject = Subjects.command(n.node(), new Ping().name());
    byte[] request = Protocol.write(new Ping().request());
    for (int i = 0; i < WARM_UP; i++) {
      ping(nc, subject, request);
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < pings; i++) {
      long start = System.nanoTime();
      if (ping(nc, subject, request)) {
        millis.add(Bench.millisSince(start));
      }
    }
    return new Figures(pings, millis);
  }

  /** One ping: true if the agent answered {@code ok} in time; what else came back goes to err. */
  private boolean ping(Connection nc, String subject, byte[] request) throws Exception {
    Message m;
    try {
      m = nc.request(subject, request).get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      warn(subject + ": no answer within " + REQUEST_TIMEOUT.toMillis() + " ms");
      return false;
    } catch (ExecutionException e) {
      warn(subject + ": " + e.getCause());
      return false;
    }
    if (m.isStatusMessage()) {
      warn(subject + ": server status " + m.getStatus());
      return false;
    }
    try {
      Protocol.Reply reply = Protocol.read(m.getData(), Protocol.Reply.class);
      if (!reply.ok()) {
        warn(subject + ": " + reply.error());
      }
      return reply.ok();
    } catch (ProtocolException e) {
      warn(subject + ": unreadable answer: " + e.getMessage());
      return false;
    }
  }

  /**
   * Publishes {@code probes} samples as node {@value #PROBE}, one at a time, and polls
   * VictoriaMetrics every {@value #POLL_MILLIS} ms for each until it answers the series: the delay
   * is from before the publish to the first answer holding it.
   */
  private Figures probes(Connection nc, MetricsQuery vm) throws Exception {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < probes; i++) {
      Protocol.Telemetry t =
          new Protocol.Telemetry(
              Protocol.VERSION,
              PROBE,
              "dallas",
              NAME,
              System.currentTimeMillis(),
              List.of(new Protocol.Sample(PROBE_METRIC, Map.of("seq", String.valueOf(i)), i)));
      String query = PROBE_METRIC + "{seq=\"" + i + "\"}";
      long start = System.nanoTime();
      nc.publish(Subjects.telemetry(PROBE), Protocol.write(t));
      long deadline = start + PROBE_TIMEOUT.toNanos();
      boolean seen = false;
      while (!seen && System.nanoTime() < deadline) {
        seen = !vm.query(query, null).samples().isEmpty();
        if (seen) {
          millis.add(Bench.millisSince(start));
        } else {
          Thread.sleep(POLL_MILLIS);
        }
      }
      if (!seen) {
        warn(query + ": not in VictoriaMetrics after " + PROBE_TIMEOUT.toSeconds() + " s");
      }
    }
    return new Figures(probes, millis);
  }

  /**
   * The agents' own view, {@code booty cmd all ping --json}, into {@code out}; null, or the error
   * when the command failed (a node that did not answer).
   */
  private String agentsView(BenchStack stack, List<AgentView> out) throws Exception {
    String text;
    try {
      text = stack.run("cmd", "all", "ping", "--json");
    } catch (BootyException e) {
      return e.getMessage();
    }
    for (JsonNode n : Json.MAPPER.readTree(text).path("nodes")) {
      out.add(
          new AgentView(
              n.path("node").asText(),
              n.path("dc").asText(),
              n.path("state").asText(),
              n.path("rttMs").isNumber() ? n.path("rttMs").asDouble() : null,
              n.path("clockOffsetMs").isNumber() ? n.path("clockOffsetMs").asLong() : null));
    }
    return null;
  }

  private void warn(String line) {
    ctx.err().println("bench backchannel: " + line);
  }
}

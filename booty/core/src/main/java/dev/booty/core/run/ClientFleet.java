package dev.booty.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.backchannel.protocol.Subjects;
import dev.booty.core.client.ClientHost;
import dev.booty.core.client.ClientReport;
import dev.booty.core.util.Json;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * booty's side of a run's test clients: hears their reports ({@link Subjects#clientReports}), keeps
 * each client's latest and final one, and asks for the final reports at the end. A browser process
 * whose page did not load, or whose Chromium crashed, says so on the same subject ({@code
 * "broken"}); the run then ends BROKEN, naming it, its reason and the page's console output, rather
 * than waiting on clients that will never report.
 */
final class ClientFleet implements AutoCloseable {
  /** Between "stop sending" and "report": each client's own drain (2 s) and a margin. */
  static final Duration QUIET_TIME = Duration.ofSeconds(4);

  private final Connection nc;
  private final String scenario;
  private final String run;
  private final Dispatcher dispatcher;
  private final Map<String, ClientReport> latest = new ConcurrentHashMap<>();
  private final Map<String, ClientReport> finals = new ConcurrentHashMap<>();
  private final List<Broken> broken = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile Runnable onBroken = () -> {};

  /**
   * A client process that cannot go on (a browser whose page failed or crashed).
   *
   * @param console the page's last console lines, oldest first
   */
  record Broken(String process, String dc, String reason, List<String> console) {
    String describe() {
      StringBuilder sb =
          new StringBuilder("browser process ").append(process).append(" (").append(dc);
      sb.append("): ").append(reason);
      if (!console.isEmpty()) {
        sb.append("; its console:");
        console.stream()
            .skip(Math.max(0, console.size() - MAX_CONSOLE))
            .forEach(l -> sb.append("\n    ").append(l));
      }
      return sb.toString();
    }
  }

  /** The most console lines of a broken process a run's error quotes (the latest). */
  static final int MAX_CONSOLE = 20;

  ClientFleet(Connection nc, String scenario, String run) {
    this.nc = nc;
    this.scenario = scenario;
    this.run = run;
    this.dispatcher = nc.createDispatcher(m -> hear(m.getData()));
    dispatcher.subscribe(Subjects.clientReports(scenario));
  }

  private void hear(byte[] data) {
    try {
      JsonNode msg = Json.MAPPER.readTree(data);
      if (!run.equals(msg.path("run").asText())) {
        return;
      }
      if (msg.has("broken")) {
        JsonNode b = msg.path("broken");
        List<String> console = new ArrayList<>();
        b.path("console").forEach(l -> console.add(l.asText()));
        broken.add(
            new Broken(
                b.path("process").asText("?"),
                b.path("dc").asText("?"),
                b.path("reason").asText("no reason given"),
                console));
        onBroken.run();
        return;
      }
      ClientReport r = Json.MAPPER.treeToValue(msg.path("report"), ClientReport.class);
      latest.put(r.id(), r);
      if (msg.path("final").asBoolean()) {
        finals.put(r.id(), r);
      }
    } catch (IOException | IllegalArgumentException e) {
      // not a report of this format: ignored
    }
  }

  /** Waits until {@code expected} clients have reported a connection. */
  void awaitConnected(int expected, Duration timeout, Consumer<String> progress)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    int last = -1;
    while (Instant.now().isBefore(deadline)) {
      failIfBroken();
      int connected = connected();
      if (connected != last) {
        progress.accept("clients connected: " + connected + "/" + expected);
        last = connected;
      }
      if (connected >= expected) {
        return;
      }
      Thread.sleep(500);
    }
    Map<String, Integer> perDc = new java.util.TreeMap<>();
    latest.values().stream()
        .filter(
            r ->
                r.events() != null
                    && r.events().stream().anyMatch(e -> e.type().equals("CONNECTED")))
        .forEach(r -> perDc.merge(r.dc(), 1, Integer::sum));
    throw dev.booty.core.BootyException.failure(
        "only "
            + connected()
            + " of "
            + expected
            + " test clients connected within "
            + timeout.toSeconds()
            + " s (connected by data centre: "
            + perDc
            + "; their processes' output: 'booty job logs' of the "
            + scenario
            + "-clients-* jobs)");
  }

  /** Runs {@code action} (once per broken process) when a client process reports it broke. */
  void onBroken(Runnable action) {
    this.onBroken = action;
  }

  /** What broke, if a client process said so; the first one names the run's error. */
  java.util.Optional<String> broken() {
    if (broken.isEmpty()) {
      return java.util.Optional.empty();
    }
    StringBuilder sb = new StringBuilder(broken.getFirst().describe());
    if (broken.size() > 1) {
      sb.append("\n  and ").append(broken.size() - 1).append(" other process(es): ");
      sb.append(
          String.join(
              ", ", broken.stream().skip(1).map(b -> b.process() + " " + b.reason()).toList()));
    }
    return java.util.Optional.of(sb.toString());
  }

  /** A BROKEN run's error when a client process broke; nothing otherwise. */
  void failIfBroken() {
    broken()
        .ifPresent(
            why -> {
              throw dev.booty.core.BootyException.broken("the test clients broke: " + why);
            });
  }

  /** Waits {@code d}, or less when a client process breaks meanwhile (then fails the run). */
  void pause(Duration d) throws InterruptedException {
    Instant until = Instant.now().plus(d);
    while (Instant.now().isBefore(until)) {
      failIfBroken();
      Thread.sleep(Math.min(200, Math.max(1, Duration.between(Instant.now(), until).toMillis())));
    }
    failIfBroken();
  }

  private int connected() {
    return (int)
        latest.values().stream()
            .filter(
                r ->
                    r.events() != null
                        && r.events().stream().anyMatch(e -> e.type().equals("CONNECTED")))
            .count();
  }

  /**
   * Asks every client process to stop sending, lets what is in flight arrive, then asks for the
   * final reports and waits for them; a client without one keeps its latest progress report.
   */
  List<ClientReport> finish(Duration timeout, Consumer<String> progress)
      throws InterruptedException {
    nc.publish(
        Subjects.clientFinish(scenario),
        (run + " " + ClientHost.QUIET).getBytes(StandardCharsets.UTF_8));
    Thread.sleep(QUIET_TIME.toMillis());
    nc.publish(Subjects.clientFinish(scenario), run.getBytes(StandardCharsets.UTF_8));
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline) && finals.size() < latest.size()) {
      Thread.sleep(200);
    }
    List<ClientReport> out = new ArrayList<>();
    for (Map.Entry<String, ClientReport> e : latest.entrySet()) {
      ClientReport f = finals.get(e.getKey());
      out.add(f != null ? f : e.getValue());
    }
    if (finals.size() < latest.size()) {
      progress.accept(
          (latest.size() - finals.size())
              + " client(s) sent no final report; their last progress report stands");
    }
    out.sort(Comparator.comparing(ClientReport::id));
    return out;
  }

  @Override
  public void close() {
    nc.closeDispatcher(dispatcher);
  }
}

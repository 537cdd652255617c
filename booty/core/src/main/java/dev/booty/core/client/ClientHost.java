package dev.booty.core.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.booty.core.backchannel.protocol.Subjects;
import dev.booty.core.util.Json;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One process's share of a scenario's test clients (a Nomad allocation of the data centre's clients
 * job, {@code booty clients}): starts them, reports each one's progress every second over the back
 * channel, and when booty asks (or the process is told to stop) stops them and sends their final
 * reports. Subjects: {@link Subjects#clientReports}, {@link Subjects#clientFinish}.
 */
public final class ClientHost {
  /** Report format version. */
  static final int VERSION = 1;

  private final List<ClientConfig> configs;
  private final Connection backChannel;
  private final String scenario;
  private final String run;
  private final Duration every;
  private final Consumer<String> log;
  private final List<TestClient> clients = new ArrayList<>();
  private final AtomicBoolean finished = new AtomicBoolean();
  private final CountDownLatch done = new CountDownLatch(1);

  public ClientHost(
      List<ClientConfig> configs,
      Connection backChannel,
      String scenario,
      String run,
      Duration every,
      Consumer<String> log) {
    this.configs = List.copyOf(configs);
    this.backChannel = backChannel;
    this.scenario = scenario;
    this.run = run;
    this.every = every;
    this.log = log;
  }

  /** Runs until booty asks for the final reports or {@link #finish()} is called. */
  public void run() throws InterruptedException {
    Dispatcher d =
        backChannel.createDispatcher(
            m -> {
              String[] words =
                  new String(m.getData(), java.nio.charset.StandardCharsets.UTF_8)
                      .strip()
                      .split(" ");
              if (!words[0].isEmpty() && !words[0].equals(run)) {
                return; // another run's request
              }
              if (words.length > 1 && words[1].equals(QUIET)) {
                quiet();
              } else {
                finish();
              }
              if (m.getReplyTo() != null) {
                backChannel.publish(
                    m.getReplyTo(),
                    Json.MAPPER
                        .createObjectNode()
                        .put("run", run)
                        .put("clients", configs.size())
                        .toString()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                flush();
              }
            });
    d.subscribe(Subjects.clientFinish(scenario));
    // started side by side: one client waiting for its server (or its stream) holds no other back
    List<Thread> starting = new ArrayList<>();
    for (ClientConfig c : configs) {
      starting.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    TestClient client;
                    try {
                      client = startUntilConnected(c);
                    } catch (InterruptedException e) {
                      return;
                    }
                    if (client != null && !finished.get()) {
                      synchronized (clients) {
                        clients.add(client);
                      }
                    }
                  }));
    }
    for (Thread t : starting) {
      t.join();
    }
    log.accept(
        clients.size() + " client(s) running, reporting on " + Subjects.clientReports(scenario));
    while (!done.await(every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      for (TestClient c : snapshot()) {
        publish(c.report().light(), false);
      }
      flush();
    }
  }

  /** The first word of a finish request that only stops the sending: {@code RUN quiet}. */
  public static final String QUIET = "quiet";

  /**
   * Stops every client's sending and waits for its own messages in flight; they go on receiving.
   * booty asks every process for this first, so that no client stops receiving while another still
   * sends to it (queue groups and durables are shared across processes).
   */
  public void quiet() {
    List<Thread> stopping = new ArrayList<>();
    for (TestClient c : snapshot()) {
      stopping.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      c.stop();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }));
    }
    try {
      for (Thread t : stopping) {
        t.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops every client (sending, then receiving: its connection closes, so nothing arrives after
   * its report is taken) and sends its final report; once (later calls wait for the first).
   */
  public void finish() {
    if (!finished.compareAndSet(false, true)) {
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    try {
      List<TestClient> all = snapshot();
      quiet();
      for (TestClient c : all) {
        c.close();
      }
      for (TestClient c : all) {
        publish(c.report(), true);
      }
      flush();
      log.accept("sent the final reports of " + all.size() + " client(s)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      done.countDown();
    }
  }

  private List<TestClient> snapshot() {
    synchronized (clients) {
      return List.copyOf(clients);
    }
  }

  /** A started client, or null when the host finished first; a failed try's client is closed. */
  private TestClient startUntilConnected(ClientConfig c) throws InterruptedException {
    String last = null;
    while (!finished.get()) {
      TestClient client = new TestClient(c);
      try {
        client.start();
        return client;
      } catch (IOException | RuntimeException e) {
        client.close();
        if (!String.valueOf(e.getMessage()).equals(last)) {
          log.accept("client " + c.id() + " cannot connect yet: " + e.getMessage());
          last = String.valueOf(e.getMessage());
        }
        Thread.sleep(1000);
      }
    }
    return null;
  }

  private void publish(ClientReport report, boolean last) {
    ObjectNode msg = Json.MAPPER.createObjectNode();
    msg.put("v", VERSION).put("run", run).put("final", last);
    msg.set("report", Json.MAPPER.valueToTree(report));
    try {
      backChannel.publish(Subjects.clientReports(scenario), Json.MAPPER.writeValueAsBytes(msg));
    } catch (IOException | IllegalStateException e) {
      log.accept("cannot send the report of " + report.id() + ": " + e.getMessage());
    }
  }

  private void flush() {
    try {
      backChannel.flush(Duration.ofSeconds(5));
    } catch (Exception e) {
      log.accept("the back channel did not flush: " + e.getMessage());
    }
  }
}

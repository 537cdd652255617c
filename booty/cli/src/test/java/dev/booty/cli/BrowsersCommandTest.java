package dev.booty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.cli.support.Booty;
import dev.booty.core.client.NatsServerProcess;
import dev.booty.core.util.Json;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code booty browsers} in-process with a real headless Chromium against a real nats-server (its
 * WebSocket listener) and a real control plane: clients named as by {@code booty clients}, reports
 * on the report subject, the finish request answered; bad input refused before Chromium starts; a
 * Chromium that cannot start ends BROKEN (exit 3) with a BROKEN message.
 */
class BrowsersCommandTest {
  @TempDir Path home;

  private NatsServerProcess controlPlane;
  private NatsServerProcess nats;
  private Connection test;
  private final List<JsonNode> reports = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    controlPlane = NatsServerProcess.withWebsocket(null);
    nats = NatsServerProcess.withWebsocket(null);
    test = Nats.connect(controlPlane.url());
    test.createDispatcher(
            m -> {
              try {
                reports.add(Json.MAPPER.readTree(m.getData()));
              } catch (IOException e) {
                // not JSON: not a report
              }
            })
        .subscribe("booty.clients.cli.report");
    test.flush(Duration.ofSeconds(5));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (test != null) {
      test.close();
    }
    if (nats != null) {
      nats.close();
    }
    if (controlPlane != null) {
      controlPlane.close();
    }
  }

  private Booty booty() {
    return new Booty(home, null);
  }

  private String[] args(String chromium, String count) {
    return new String[] {
      "browsers",
      "--control-plane",
      controlPlane.url(),
      "--control-plane-ws",
      controlPlane.wsUrl(),
      "--scenario",
      "cli",
      "--run",
      "r7",
      "--index",
      "1",
      "--instance",
      "abcdef12",
      "--count",
      count,
      "--dc",
      "lon",
      "--group",
      "lon-browser",
      "--servers",
      nats.wsUrl(),
      "--rate",
      "10",
      "--chromium",
      chromium
    };
  }

  private JsonNode await(String what, Predicate<JsonNode> p) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode r : reports) {
        if (p.test(r)) {
          return r;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + what + " in 60 s; got " + reports);
  }

  @Test
  void runsThePageAndAnswersTheFinishRequest() throws Exception {
    CompletableFuture<Booty.Run> run =
        CompletableFuture.supplyAsync(() -> booty().run(args("/usr/bin/chromium", "2")));
    List<String> ids = List.of("lon-browser-1-0-abcd", "lon-browser-1-1-abcd");
    for (String id : ids) {
      await("progress of " + id, r -> id.equals(r.path("report").path("id").asText()));
    }
    Message reply =
        test.request(
            "booty.clients.cli.finish",
            "r7".getBytes(StandardCharsets.UTF_8),
            Duration.ofSeconds(40));
    assertThat(reply).isNotNull();
    JsonNode answer = Json.MAPPER.readTree(reply.getData());
    assertThat(answer.path("run").asText()).isEqualTo("r7");
    assertThat(answer.path("clients").asInt()).isEqualTo(2);
    Booty.Run done = run.get(60, TimeUnit.SECONDS);
    assertThat(done.exitCode()).as(done.toString()).isZero();
    assertThat(done.err()).contains("booty browsers lon-browser-1-abcd: chromium");
    for (String id : ids) {
      JsonNode last =
          await(
              "final report of " + id,
              r -> r.path("final").asBoolean() && id.equals(r.path("report").path("id").asText()));
      assertThat(last.path("report").path("kind").asText()).isEqualTo("browser");
      assertThat(last.path("report").path("group").asText()).isEqualTo("lon-browser");
      assertThat(last.path("report").path("lost").asLong()).isZero();
      assertThat(last.path("report").path("sent").asLong()).isPositive();
    }
  }

  @Test
  void aCountBelowOneOrAboveWhatAPageHoldsIsBadUsage() {
    Booty.Run run = booty().run(args("/usr/bin/chromium", "0"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--count 0: at least 1");
    Booty.Run many = booty().run(args("/usr/bin/chromium", "255"));
    assertThat(many.exitCode()).isEqualTo(2);
    assertThat(many.err())
        .contains("--count 255: 255 clients in one page: Chromium opens at most 255 WebSockets")
        .contains("at most 254");
    // TLS and creds are for the JVM clients: the loader refuses browsers on such clusters
    String[] base = args("/usr/bin/chromium", "1");
    String[] creds = java.util.Arrays.copyOf(base, base.length + 2);
    creds[base.length] = "--nats-creds";
    creds[base.length + 1] = "/nowhere.creds";
    Booty.Run secured = booty().run(creds);
    assertThat(secured.exitCode()).isEqualTo(2);
    assertThat(secured.err())
        .contains("--nats-creds: browser pages connect over ws:// without credentials");
    assertThat(reports).as("nothing started, nothing reported").isEmpty();
  }

  @Test
  void aChromiumThatCannotStartIsBrokenWithAMessage() throws Exception {
    Path missing = home.resolve("no-chromium");
    Booty.Run run = booty().run(args(missing.toString(), "1"));
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.err()).contains("chromium did not start: " + missing + " is not an executable");
    JsonNode broken = await("BROKEN message", r -> r.has("broken"));
    assertThat(broken.path("run").asText()).isEqualTo("r7");
    assertThat(broken.path("broken").path("process").asText()).isEqualTo("lon-browser-1-abcd");
    assertThat(broken.path("broken").path("reason").asText())
        .startsWith("chromium did not start: " + missing);
  }
}

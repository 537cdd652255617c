package dev.booty.core.client.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.backchannel.protocol.Subjects;
import dev.booty.core.client.ClientConfig;
import dev.booty.core.client.ClientReport;
import dev.booty.core.client.NatsServerProcess;
import dev.booty.core.client.browser.BrowserHost.Settings;
import dev.booty.core.stack.NatsTrust;
import dev.booty.core.util.Json;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What the browser host tests share: a control plane (a nats-server with a WebSocket listener for
 * the page's back channel), the host's and the test's connections to it, every message on the
 * report subject, and a {@link BrowserHost} run on its own thread. {@link #close} stops all of it
 * and checks that the host left no Chromium process and no profile folder behind.
 */
final class BrowserFixture implements AutoCloseable {
  static final String SCENARIO = "browser-test";

  final NatsServerProcess controlPlane;
  final Connection hostChannel;
  final Connection test;
  final List<JsonNode> messages = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final String reportCreds;
  BrowserHost host;
  CompletableFuture<Void> running;

  /** A control plane without authentication. */
  BrowserFixture() throws Exception {
    this(null, null);
  }

  /**
   * A control plane in operator mode with {@code trust}'s operator and accounts (as booty's), its
   * JWT in {@code dir}; host and test connect as booty's user, the page with the scenario's client
   * creds.
   */
  BrowserFixture(NatsTrust trust, Path dir) throws Exception {
    Path userCreds = null;
    if (trust == null) {
      controlPlane = NatsServerProcess.withWebsocket(null);
      reportCreds = null;
    } else {
      Path operator = dir.resolve("operator.jwt");
      Files.writeString(operator, trust.operatorJwt());
      controlPlane =
          NatsServerProcess.withWebsocketConfig(
              """
              operator: "%s"
              system_account: %s
              authorization { timeout: 10 }
              resolver: MEMORY
              resolver_preload: {
                %s: "%s"
                %s: "%s"
              }
              """
                  .formatted(
                      operator,
                      trust.systemAccount(),
                      trust.systemAccount(),
                      trust.systemAccountJwt(),
                      trust.bootyAccount(),
                      trust.bootyAccountJwt()));
      userCreds = dir.resolve("booty.creds");
      Files.writeString(userCreds, trust.userCreds(NatsTrust.BOOTY_ACCOUNT, "booty"));
      reportCreds = trust.clientCreds(SCENARIO);
    }
    open.add(controlPlane);
    hostChannel = connect(controlPlane.url(), userCreds);
    test = connect(controlPlane.url(), userCreds);
    Dispatcher d =
        test.createDispatcher(
            m -> {
              try {
                messages.add(Json.MAPPER.readTree(m.getData()));
              } catch (IOException e) {
                System.err.println("not JSON on the report subject: " + e.getMessage());
              }
            });
    d.subscribe(Subjects.clientReports(SCENARIO));
    test.flush(Duration.ofSeconds(5));
  }

  static Connection connect(String url, Path creds) throws IOException, InterruptedException {
    Options.Builder b = Options.builder().server(url).maxReconnects(-1);
    if (creds != null) {
      b.authHandler(Nats.credentials(creds.toString()));
    }
    return Nats.connect(b.build());
  }

  /** Settings of {@code clients} reporting through this control plane. */
  Settings settings(String run, List<ClientConfig> clients) {
    return settings(run, clients, controlPlane.wsUrl());
  }

  Settings settings(String run, List<ClientConfig> clients, String controlPlaneWs) {
    return new Settings(
        clients,
        SCENARIO,
        run,
        clients.getFirst().group() + "-0",
        controlPlaneWs,
        reportCreds,
        null,
        null);
  }

  /** Runs a host of {@code settings} on its own thread, with {@code page} as its page. */
  BrowserHost start(Settings settings, PageServer.Source page) {
    host =
        new BrowserHost(
            settings,
            hostChannel,
            line -> {
              log.add(line);
              System.err.println("browser host: " + line);
            },
            page);
    running = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("browser-host-test")
        .start(
            () -> {
              try {
                host.run();
                running.complete(null);
              } catch (Throwable e) {
                running.completeExceptionally(e);
              }
            });
    return host;
  }

  BrowserHost start(Settings settings) {
    return start(settings, PageServer.bundled());
  }

  /** Asks the host to finish as booty does; its reply. */
  JsonNode finish(String run) throws Exception {
    Message reply =
        test.request(
            Subjects.clientFinish(SCENARIO),
            run.getBytes(StandardCharsets.UTF_8),
            Duration.ofSeconds(40));
    assertThat(reply).as("a reply to the finish request").isNotNull();
    return Json.MAPPER.readTree(new String(reply.getData(), StandardCharsets.UTF_8));
  }

  /** Asks the host to stop sending. */
  void quiet(String run) throws Exception {
    Message reply =
        test.request(
            Subjects.clientFinish(SCENARIO),
            (run + " quiet").getBytes(StandardCharsets.UTF_8),
            Duration.ofSeconds(20));
    assertThat(reply).as("a reply to the quiet request").isNotNull();
  }

  /** Waits up to {@code within} for a message on the report subject that {@code test} accepts. */
  JsonNode await(Duration within, String what, Predicate<JsonNode> test)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode m : messages) {
        if (test.test(m)) {
          return m;
        }
      }
      Thread.sleep(50);
    }
    return fail(
        "no "
            + what
            + " on "
            + Subjects.clientReports(SCENARIO)
            + " in "
            + within
            + "; got "
            + messages.size()
            + " message(s); host log: "
            + log);
  }

  /** Waits until a progress report of each of {@code ids} arrived. */
  void awaitProgress(Duration within, List<String> ids) throws InterruptedException {
    for (String id : ids) {
      await(
          within,
          "progress report of " + id,
          m -> !m.path("final").asBoolean() && id.equals(m.path("report").path("id").asText()));
    }
  }

  /** The final report of each of {@code ids}, once each arrived. */
  Map<String, ClientReport> finals(Duration within, List<String> ids) throws Exception {
    Map<String, ClientReport> out = new java.util.LinkedHashMap<>();
    for (String id : ids) {
      JsonNode m =
          await(
              within,
              "final report of " + id,
              n -> n.path("final").asBoolean() && id.equals(n.path("report").path("id").asText()));
      out.put(id, Json.MAPPER.treeToValue(m.path("report"), ClientReport.class));
    }
    return out;
  }

  /** The host's run ended by itself within {@code within}; its failure, or null. */
  Throwable ended(Duration within) throws InterruptedException {
    try {
      running.get(within.toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      return fail("the browser host did not end in " + within + "; log: " + log);
    }
  }

  List<String> log() {
    return log;
  }

  /** Nothing of the host's Chromium is left: no process, no profile folder. */
  void assertNothingLeft() {
    assertThat(host.processes()).as("chromium's processes").isNotEmpty();
    for (ProcessHandle p : host.processes()) {
      assertThat(p.isAlive())
          .as("process %d (%s) is gone", p.pid(), p.info().command().orElse("?"))
          .isFalse();
    }
    assertThat(host.profile()).as("the profile folder").isNotNull();
    assertThat(Files.exists(host.profile())).as("profile %s exists", host.profile()).isFalse();
  }

  @Override
  public void close() throws Exception {
    if (host != null && running != null && !running.isDone()) {
      // a test that failed half-way: finish the host so that it closes Chromium
      host.finish();
      try {
        running.get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        // its failure is the test's, already reported
      }
    }
    hostChannel.close();
    test.close();
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  /** Closes {@code c} with the fixture. */
  <T extends AutoCloseable> T closing(T c) {
    open.add(c);
    return c;
  }
}

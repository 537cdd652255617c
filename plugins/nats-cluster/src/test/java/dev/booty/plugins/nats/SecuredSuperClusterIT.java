package dev.booty.plugins.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.api.StackHttp;
import dev.booty.core.client.ClientConfig;
import dev.booty.core.client.ClientReport;
import dev.booty.core.client.ClientReport.KindReport;
import dev.booty.core.client.TestClient;
import dev.booty.core.security.BootyCa;
import dev.booty.core.security.ClusterTrust;
import dev.booty.core.testing.TestBinaries;
import dev.booty.core.util.Json;
import dev.booty.plugins.nats.ServerLayout.Server;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real nats-servers as a super-cluster of two data centres, london on 127.0.62.1 and dallas on
 * 127.0.62.2, with a gateway between them, each started with the config {@link NatsConfig} renders
 * for {@code cluster.tls: true} and {@code cluster.auth: jwt}: its certificate from booty's CA as
 * {@link ServerCertificates} issues it, the chain of trust as booty's deploy hands it over ({@link
 * ClusterTrust#options()}). Clients are jnats, as the test clients are, with booty's CA and the
 * creds booty makes for them ({@link ClusterTrust#clientCreds}).
 *
 * <p>One change to the rendered text: this machine cannot resolve {@code *.nats.booty} (a data
 * centre's hosts do, through the hosting plugin), so the host names become the addresses they stand
 * for. The certificates hold both.
 *
 * <p>The servers start once for the class and are killed after it, also when starting them fails
 * (and by a shutdown hook should the test JVM end first).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredSuperClusterIT {
  private static final String LON = "127.0.62.1";
  private static final String DAL = "127.0.62.2";
  private static final int CLIENT = 27222;
  private static final int MONITOR = 27822;
  private static final String SUBJECT = "shop.orders";
  private static final Duration READY = Duration.ofSeconds(40);

  @TempDir static Path tmp;

  private final List<Process> servers = new ArrayList<>();
  private final Thread killer = new Thread(this::kill, "secured-super-cluster-it");
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private CaContext ctx;
  private ClusterTrust trust;
  private Path ca;
  private Path creds;

  private static HostedDataCenter dc(String name, String address) {
    return new HostedDataCenter(name, name, List.of(address), Map.of());
  }

  @BeforeAll
  void start() throws Exception {
    Runtime.getRuntime().addShutdownHook(killer);
    Path binary = TestBinaries.natsServer();
    ctx = new CaContext(tmp.resolve("home"), binary);
    trust = ClusterTrust.ensure(tmp.resolve("trust"));
    ca = ctx.security().orElseThrow().caCertificate();
    creds = tmp.resolve("client.creds");
    Files.writeString(creds, trust.clientCreds("clients-it", SUBJECT));

    Map<String, String> options = new LinkedHashMap<>();
    options.put("clientPort", Integer.toString(CLIENT));
    options.put("clusterPort", "27622");
    options.put("gatewayPort", "27722");
    options.put("monitorPort", Integer.toString(MONITOR));
    options.put("jetstream", "true");
    options.put("tls", "true");
    options.putAll(trust.options());
    NatsConfig.Settings settings = NatsConfig.Settings.of(options);
    List<String> dcs = List.of("london", "dallas");
    ServerLayout layout = ServerLayout.of(List.of(dc("london", LON), dc("dallas", DAL)));
    try {
      for (Server server : layout.servers()) {
        Path dir = Files.createDirectories(tmp.resolve(server.name()));
        ServerCertificates.Pem pem = ServerCertificates.of(ctx, server);
        Files.writeString(dir.resolve(NatsConfig.TlsFiles.CA), pem.ca());
        Files.writeString(dir.resolve(NatsConfig.TlsFiles.CERTIFICATE), pem.certificate());
        Files.writeString(dir.resolve(NatsConfig.TlsFiles.KEY), pem.key());
        String config =
            NatsConfig.render(
                server, layout, dcs, settings, new NatsConfig.TlsFiles(dir.toString()));
        for (Server other : layout.servers()) {
          config = config.replace(other.hostName(), other.address());
        }
        Path file = dir.resolve("nats.conf");
        Files.writeString(file, config);
        servers.add(
            new ProcessBuilder(binary.toString(), "-c", file.toString(), "--store_dir", dir + "/js")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile())
                .start());
      }
      for (Server server : layout.servers()) {
        awaitReady(server);
      }
    } catch (Exception | AssertionError e) {
      kill();
      throw e;
    }
  }

  @AfterAll
  void stop() {
    kill();
    Runtime.getRuntime().removeShutdownHook(killer);
  }

  private synchronized void kill() {
    for (Process p : servers) {
      p.destroyForcibly();
    }
    for (Process p : servers) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    servers.clear();
  }

  /** Healthy (JetStream current) and its gateway to the other data centre up both ways. */
  private void awaitReady(Server server) throws Exception {
    long deadline = System.nanoTime() + READY.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> health = get(server.address(), "/healthz");
        JsonNode gw = Json.MAPPER.readTree(get(server.address(), "/gatewayz").body());
        last = health.statusCode() + " " + health.body() + ", gatewayz " + gw;
        if (health.statusCode() == 200
            && gw.path("outbound_gateways").size() == 1
            && gw.path("inbound_gateways").size() == 1) {
          return;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(250);
    }
    fail(
        server.name()
            + " not ready after "
            + READY.toSeconds()
            + " s: "
            + last
            + "\n"
            + Files.readString(tmp.resolve(server.name()).resolve("server.log")));
  }

  private HttpResponse<String> get(String address, String path)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://" + address + ":" + MONITOR + path))
            .timeout(Duration.ofSeconds(2))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String url(String address) {
    return "nats://" + address + ":" + CLIENT;
  }

  /** jnats with one server, no reconnects: a refused connection fails at once. */
  private static Options.Builder options(String address) {
    return Options.builder()
        .server(url(address))
        .connectionTimeout(Duration.ofSeconds(5))
        .maxReconnects(0)
        .noRandomize();
  }

  private Options.Builder trusted(String address) {
    return options(address)
        .sslContext(StackHttp.trusting(ca))
        .authHandler(Nats.credentials(creds.toString()));
  }

  @Test
  void aClientWithBootysCaAndCredsGetsMessagesAcrossTheGateway() throws Exception {
    try (Connection london = Nats.connect(trusted(LON).build());
        Connection dallas = Nats.connect(trusted(DAL).build())) {
      assertThat(london.getServerInfo().isTLSRequired()).isTrue();
      assertThat(london.getServerInfo().isAuthRequired()).isTrue();
      Subscription sub = london.subscribe(SUBJECT + ".from-dallas");
      london.flush(Duration.ofSeconds(5));
      Message got = null;
      // the gateway learns london's interest as it goes: send until one arrives
      for (int i = 0; i < 50 && got == null; i++) {
        dallas.publish(SUBJECT + ".from-dallas", ("hello " + i).getBytes(StandardCharsets.UTF_8));
        dallas.flush(Duration.ofSeconds(5));
        got = sub.nextMessage(Duration.ofMillis(200));
      }
      assertThat(got).as("a message from dallas arrived in london").isNotNull();
      assertThat(new String(got.getData(), StandardCharsets.UTF_8)).startsWith("hello ");
      assertThat(london.getConnectedUrl()).contains(LON);
      assertThat(dallas.getConnectedUrl()).contains(DAL);
    }
  }

  @Test
  void theTestClientsRunEveryWorkloadKindWithinTheirPermissions() throws Exception {
    List<TestClient> clients = new ArrayList<>();
    try {
      for (int i = 1; i <= 2; i++) {
        clients.add(
            new TestClient(
                ClientConfig.builder()
                    .id("c" + i)
                    .dc("london")
                    .servers(url(LON))
                    .subject(SUBJECT)
                    .rate(50)
                    .size(64)
                    .kinds("pubsub", "request", "queue", "jetstream")
                    .replicas(1)
                    .requestTimeout(Duration.ofSeconds(3))
                    .connectTimeout(Duration.ofSeconds(5))
                    .caFile(ca)
                    .credsFile(creds)
                    .build()));
      }
      for (TestClient c : clients) {
        c.start();
      }
      Thread.sleep(2000);
      for (TestClient c : clients) {
        c.stop();
      }
      List<ClientReport> reports = awaitAcknowledged(clients);
      for (ClientReport r : reports) {
        assertThat(r.kinds()).containsOnlyKeys("pubsub", "request", "queue", "jetstream");
        for (KindReport k : r.kinds().values()) {
          assertThat(k.sent()).as("%s %s sent", r.id(), k.kind()).isPositive();
          assertThat(k.errors()).as("%s %s errors", r.id(), k.kind()).isZero();
        }
        assertThat(r.kinds().get("jetstream").ok())
            .as("acknowledged JetStream publishes of %s", r.id())
            .isEqualTo(r.kinds().get("jetstream").sent());
        assertThat(r.lost()).as("pubsub messages lost by %s", r.id()).isZero();
        assertThat(r.disconnects()).isEmpty();
      }
    } finally {
      for (TestClient c : clients) {
        c.close();
      }
    }
  }

  private static List<ClientReport> awaitAcknowledged(List<TestClient> clients)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      List<ClientReport> reports = clients.stream().map(TestClient::report).toList();
      boolean acked =
          reports.stream()
              .map(r -> r.kinds().get("jetstream"))
              .allMatch(k -> k.ok() + k.errors() == k.sent());
      if (acked || System.nanoTime() > deadline) {
        return reports;
      }
      Thread.sleep(50);
    }
  }

  @Test
  void aClientWithoutCredsOrTlsOrTrustingAnotherCaIsRefused() throws Exception {
    assertThat(refusal(options(LON).sslContext(StackHttp.trusting(ca))))
        .containsIgnoringCase("Authorization Violation");

    assertThat(refusal(options(LON).authHandler(Nats.credentials(creds.toString()))))
        .containsIgnoringCase("SSL required by server");

    Path other = BootyCa.loadOrCreate(tmp.resolve("other-ca")).certificateFile();
    assertThat(
            refusal(
                options(DAL)
                    .sslContext(StackHttp.trusting(other))
                    .authHandler(Nats.credentials(creds.toString()))))
        .containsIgnoringCase("PKIX path");
  }

  /**
   * Why a connection with these options was refused: what {@code Nats.connect} threw and what the
   * connection reported on the way (jnats tells some reasons only to its listener); fails when it
   * connected.
   */
  private static String refusal(Options.Builder options) {
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    ErrorListener listener =
        new ErrorListener() {
          @Override
          public void errorOccurred(Connection conn, String error) {
            seen.add(error);
          }

          @Override
          public void exceptionOccurred(Connection conn, Exception exp) {
            for (Throwable c = exp; c != null; c = c.getCause()) {
              seen.add(c.toString());
            }
          }
        };
    Throwable t = catchThrowable(() -> Nats.connect(options.errorListener(listener).build()));
    assertThat(t).as("the connection was refused").isNotNull();
    for (Throwable c = t; c != null; c = c.getCause()) {
      seen.add(c.toString());
    }
    return String.join(" / ", seen);
  }

  @Test
  void aUserCannotPublishOrSubscribeOutsideItsPermissions() throws Exception {
    BlockingQueue<String> errors = new LinkedBlockingQueue<>();
    ErrorListener listener =
        new ErrorListener() {
          @Override
          public void errorOccurred(Connection conn, String error) {
            errors.add(error);
          }
        };
    try (Connection nc = Nats.connect(trusted(LON).errorListener(listener).build())) {
      nc.publish("payments.refund", "x".getBytes(StandardCharsets.UTF_8));
      nc.flush(Duration.ofSeconds(5));
      assertThat(errors.poll(5, TimeUnit.SECONDS))
          .isEqualTo("Permissions Violation for Publish to \"payments.refund\"");

      nc.subscribe("payments.>");
      nc.flush(Duration.ofSeconds(5));
      assertThat(errors.poll(5, TimeUnit.SECONDS))
          .isEqualTo("Permissions Violation for Subscription to \"payments.>\"");

      // its own subjects stay open to it
      Subscription own = nc.subscribe(SUBJECT + ".x");
      nc.publish(SUBJECT + ".x", "y".getBytes(StandardCharsets.UTF_8));
      assertThat(own.nextMessage(Duration.ofSeconds(5))).isNotNull();
      assertThat(errors).isEmpty();
    }
  }

  @Test
  void monitoringStaysPlainHttpAndShowsTlsAndOperatorMode() throws Exception {
    for (String address : List.of(LON, DAL)) {
      assertThat(get(address, "/healthz?js-server-only=true").statusCode()).isEqualTo(200);
      JsonNode varz = Json.MAPPER.readTree(get(address, "/varz").body());
      assertThat(varz.path("tls_required").asBoolean()).as("tls_required at " + address).isTrue();
      assertThat(varz.path("auth_required").asBoolean()).as("auth_required").isTrue();
      assertThat(varz.path("system_account").asText()).isEqualTo(trust.systemAccount());
      assertThat(varz.path("gateway").path("tls_required").asBoolean())
          .as("gateway tls_required at " + address)
          .isTrue();
      assertThat(get(address, "/jsz").statusCode()).isEqualTo(200);
    }
  }
}

package dev.booty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.api.StackHttp;
import dev.booty.cli.support.Booty;
import dev.booty.core.home.BootyHome;
import dev.booty.core.security.StackCredentials;
import dev.booty.core.stack.StackPorts;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real local stack from installed binaries, on ports of its own: boot, health through the real
 * APIs, supervision (restart after a kill), clean-up after a killed supervisor, and nothing left
 * after {@code booty down}.
 */
class StackIT {
  @TempDir Path tmp;
  Booty booty;
  List<String> portArgs = new ArrayList<>();
  int consulHttp;
  int nomadHttp;
  Map<String, Integer> port = new java.util.HashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    booty = new Booty(tmp.resolve("home"), null);
    Booty.Run install =
        booty.run(
            "install", "--quiet", "nomad", "consul", "nats-server", "victoria-metrics", "caddy");
    assertThat(install.exitCode()).as(install.toString()).isZero();
    // hold every socket open until all are taken, so no port is handed out twice
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (String name : StackPorts.names()) {
        ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        held.add(socket);
        int port = socket.getLocalPort();
        portArgs.add("--port");
        portArgs.add(name + "=" + port);
        this.port.put(name, port);
        if (name.equals("consul.http")) {
          consulHttp = port;
        } else if (name.equals("nomad.http")) {
          nomadHttp = port;
        }
      }
    } finally {
      for (ServerSocket socket : held) {
        socket.close();
      }
    }
  }

  @AfterEach
  void tearDown() {
    booty.run("down"); // whatever a failed assertion left running
  }

  @Test
  void bootsSupervisesAndStopsTheStackLeavingNothing() throws Exception {
    Booty.Run up = booty.run(args("up"));
    assertThat(up.exitCode()).as(up.toString()).isZero();
    assertThat(up.out()).contains("plan:").contains("stack: up");
    assertThat(get("https://127.0.0.1:" + consulHttp + "/v1/status/leader")).contains(":");
    assertThat(get("https://127.0.0.1:" + nomadHttp + "/v1/status/leader")).contains(":");
    assertThat(get("https://127.0.0.1:" + nomadHttp + "/v1/nodes"))
        .contains("\"Status\":\"ready\"");
    assertThat(booty.run(args("up")).out()).contains("already up");

    JsonNode stack = status().path("stack");
    List<Long> pids = pids(stack);
    assertThat(pids).hasSize(6);
    long supervisor = stack.path("supervisorPid").asLong();

    // supervision: a killed Nomad comes back and the restart is counted
    long nomadPid = service(stack, "nomad").path("pid").asLong();
    ProcessHandle.of(nomadPid).orElseThrow().destroyForcibly();
    JsonNode restarted =
        awaitStatus(
            s ->
                service(s, "nomad").path("restarts").asInt() == 1
                    && service(s, "nomad").path("healthy").asBoolean());
    assertThat(service(restarted, "nomad").path("pid").asLong()).isNotEqualTo(nomadPid);

    Booty.Run down = booty.run("down");
    assertThat(down.exitCode()).isZero();
    assertThat(down.out()).contains("stopped the supervisor");
    List<Long> all = new ArrayList<>(pids(status().path("stack").isNull() ? restarted : stack));
    all.add(supervisor);
    all.add(service(restarted, "nomad").path("pid").asLong());
    for (long pid : all) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
          .as("pid " + pid)
          .isIn(Optional.empty(), Optional.of(false));
    }
    assertThat(booty.run("down").out()).contains("not running");
  }

  @Test
  void nomadAndConsulRefuseAnyoneWithoutBootysCredentials() throws Exception {
    Booty.Run up = booty.run(args("up"));
    assertThat(up.exitCode()).as(up.toString()).isZero();
    String nomad = "https://127.0.0.1:" + nomadHttp;
    String consul = "https://127.0.0.1:" + consulHttp;
    StackHttp ours = bootys();
    assertThat(ours.security()).as("booty up made the stack's credentials").isPresent();
    var tokens = ours.security().orElseThrow();
    var files = StackCredentials.dir(new BootyHome(tmp.resolve("home")));
    for (String f : List.of("ca-key.pem", "tokens.json", "booty-key.pem", "nomad-operator.token")) {
      assertThat(java.nio.file.Files.getPosixFilePermissions(files.resolve(f)))
          .as(f)
          .containsExactlyInAnyOrder(
              java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    // an anonymous job submission (right CA and certificate, no token) is refused, and no job is
    // made: raw_exec runs as root, so this is the door that must stay shut
    String job =
        """
        {"Job": {"ID": "anonymous", "Name": "anonymous", "Type": "batch", "Datacenters": ["booty"],
          "TaskGroups": [{"Name": "g", "Tasks": [{"Name": "t", "Driver": "raw_exec",
            "Config": {"command": "/usr/bin/id"}}]}]}}
        """;
    HttpResponse<String> submit =
        ours.client()
            .send(
                HttpRequest.newBuilder(URI.create(nomad + "/v1/jobs"))
                    .POST(HttpRequest.BodyPublishers.ofString(job))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(submit.statusCode()).as(submit.body()).isEqualTo(403);
    assertThat(get(nomad + "/v1/jobs")).doesNotContain("anonymous");
    // ... while booty's own commands work with its token
    Booty.Run list = booty.run("job", "list", "--address=" + nomad);
    assertThat(list.exitCode()).as(list.toString()).isZero();

    // an anonymous Consul KV read is refused; booty's token reads it
    HttpResponse<String> put =
        send(
            ours.consul(consul + "/v1/kv/booty-it/secret")
                .PUT(HttpRequest.BodyPublishers.ofString("kept")));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    HttpResponse<String> anonymousRead =
        ours.client()
            .send(
                HttpRequest.newBuilder(URI.create(consul + "/v1/kv/booty-it/secret?raw")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(anonymousRead.statusCode()).as(anonymousRead.body()).isEqualTo(403);
    assertThat(get(consul + "/v1/kv/booty-it/secret?raw")).isEqualTo("kept");

    // plain HTTP gets nothing; TLS without a client certificate, or with one from another CA
    // (even carrying booty's real tokens), does not get past the handshake
    assertThat(
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nomadHttp + "/v1/jobs"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isNotEqualTo(200);
    StackCredentials other = StackCredentials.ensure(new BootyHome(tmp.resolve("other-home")));
    var foreign =
        new dev.booty.api.StackSecurity(
            other.security().caCertificate(),
            other.security().clientCertificate(),
            other.security().clientKey(),
            tokens.nomadToken(),
            tokens.consulToken(),
            tokens.consulAgentToken(),
            tokens.consulNomadToken(),
            tokens.consulGossipKey(),
            tokens.consulReaderToken());
    // trusts booty's CA (so the server is accepted) but shows the other CA's certificate
    var mixed =
        new dev.booty.api.StackSecurity(
            tokens.caCertificate(),
            foreign.clientCertificate(),
            foreign.clientKey(),
            tokens.nomadToken(),
            tokens.consulToken(),
            tokens.consulAgentToken(),
            tokens.consulNomadToken(),
            tokens.consulGossipKey(),
            tokens.consulReaderToken());
    StackHttp theirs = StackHttp.of(Optional.of(mixed), java.time.Duration.ofSeconds(3));
    for (String url : List.of(nomad + "/v1/jobs", consul + "/v1/kv/booty-it/secret?raw")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  theirs
                      .client()
                      .send(
                          theirs.nomad(url).header("X-Consul-Token", tokens.consulToken()).build(),
                          HttpResponse.BodyHandlers.ofString()))
          .as(url)
          .isInstanceOf(IOException.class);
      HttpClient noCertificate =
          HttpClient.newBuilder().sslContext(StackHttp.trusting(tokens.caCertificate())).build();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  noCertificate.send(
                      HttpRequest.newBuilder(URI.create(url))
                          .header("X-Nomad-Token", tokens.nomadToken())
                          .header("X-Consul-Token", tokens.consulToken())
                          .build(),
                      HttpResponse.BodyHandlers.ofString()))
          .as(url)
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void theFrontDoorServesEveryRouteOnlyWithThePasswordAndMetricsAreScraped() throws Exception {
    Booty.Run up = booty.run(args("up"));
    assertThat(up.exitCode()).as(up.toString()).isZero();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("password: +(\\S+)").matcher(up.out());
    assertThat(m.find()).as(up.out()).isTrue();
    String password = m.group(1);
    String front = "https://127.0.0.1:" + port.get("caddy.http");
    assertThat(up.out()).contains("front door: " + front + " ");
    Path ca = StackCredentials.dir(new BootyHome(tmp.resolve("home"))).resolve("ca.pem");
    HttpClient trusting = HttpClient.newBuilder().sslContext(StackHttp.trusting(ca)).build();
    HttpClient stranger = HttpClient.newHttpClient(); // the JDK's CAs, not booty's
    for (String route :
        List.of(
            "caddy.http", "caddy.nomad", "caddy.consul", "caddy.victoria-metrics", "caddy.admin")) {
      int p = port.get(route);
      assertThat(listeners(p)).as(route + " listens on loopback only").containsExactly("127.0.0.1");
      String url = "https://127.0.0.1:" + p + "/";
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> stranger.send(get(url, null).build(), HttpResponse.BodyHandlers.discarding()))
          .as(route + " to a client without booty's CA")
          .isInstanceOf(IOException.class)
          .hasStackTraceContaining("SSLHandshakeException");
      assertThat(status(stranger, "http://127.0.0.1:" + p + "/", "booty:" + password))
          .as(route + " in plain HTTP (Go's answer to HTTP on an HTTPS port, no redirect)")
          .isEqualTo(400);
      assertThat(status(trusting, url, null)).as(route + " without auth").isEqualTo(401);
      assertThat(status(trusting, url, "booty:wrong"))
          .as(route + " with a wrong password")
          .isEqualTo(401);
      if (!route.equals("caddy.admin")) {
        // the certificate names localhost too, and the site answers to it
        assertThat(status(trusting, "https://localhost:" + p + "/", null))
            .as(route + " as localhost")
            .isEqualTo(401);
      }
    }
    assertThat(status(trusting, front + "/", "booty:" + password)).isEqualTo(200);
    assertThat(
            body(
                trusting,
                "https://127.0.0.1:" + port.get("caddy.nomad") + "/v1/status/leader",
                password))
        .contains(":");
    String consulLeader =
        body(
            trusting,
            "https://127.0.0.1:" + port.get("caddy.consul") + "/v1/status/leader",
            password);
    assertThat(consulLeader)
        .as(
            "Consul through Caddy; caddy log: "
                + java.nio.file.Files.readString(tmp.resolve("home/stack/logs/caddy.log")))
        .contains(":");
    // the Nomad UI, compiled in from the module's generated assets (go build -tags ui), behind the
    // same door; a binary without it answers "Nomad UI is not available in this binary"
    assertThat(body(trusting, "https://127.0.0.1:" + port.get("caddy.nomad") + "/ui/", password))
        .contains("<title>Nomad</title>");

    // a POST from the page's own origin (https, as Caddy tells the dashboard) gets past the
    // origin check (then: no such scenario); one from the plain-HTTP origin does not
    String csrf =
        Json.MAPPER
            .readTree(body(trusting, front + "/api/session", password))
            .path("csrf")
            .asText();
    for (String origin : List.of(front, front.replace("https://", "http://"))) {
      HttpResponse<String> heal =
          trusting.send(
              get(front + "/api/scenarios/nothing-deployed/heal", "booty:" + password)
                  .header("X-Booty-CSRF", csrf)
                  .header("Origin", origin)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(heal.statusCode())
          .as("POST from " + origin + ": " + heal.body())
          .isEqualTo(origin.equals(front) ? 404 : 403);
    }

    // VictoriaMetrics scraped Nomad, Consul and Caddy (over HTTPS): ask through the front door
    String query =
        "https://127.0.0.1:" + port.get("caddy.victoria-metrics") + "/api/v1/query?query=up";
    String answer = "";
    for (int i = 0;
        i < 60
            && !(answer.contains("\"job\":\"nomad\"")
                && answer.contains("\"job\":\"consul\"")
                && answer.contains("\"job\":\"caddy\""));
        i++) {
      Thread.sleep(500);
      answer = body(trusting, query, password);
    }
    assertThat(answer)
        .contains("\"job\":\"nomad\"")
        .contains("\"job\":\"consul\"")
        .contains("\"job\":\"caddy\"");
    // the series can appear with a failed first scrape (up 0: Caddy's admin endpoint was not
    // serving yet on a busy machine); a later scrape must succeed
    String caddyQuery =
        "https://127.0.0.1:"
            + port.get("caddy.victoria-metrics")
            + "/api/v1/query?query=up%7Bjob%3D%22caddy%22%7D";
    String caddyUp = body(trusting, caddyQuery, password);
    for (int i = 0; i < 60 && !caddyUp.contains("\"1\"]"); i++) {
      Thread.sleep(500);
      caddyUp = body(trusting, caddyQuery, password);
    }
    assertThat(caddyUp)
        .as("Caddy's metrics scraped over HTTPS")
        .contains("\"value\":[")
        .contains("\"1\"]");
    // a second up keeps the password (it is not printed again) and the certificate
    Path cert = tmp.resolve("home/stack/caddy/tls/caddy.pem");
    String issued = java.nio.file.Files.readString(cert);
    assertThat(booty.run(args("up")).out()).doesNotContain("password:");
    assertThat(java.nio.file.Files.readString(cert)).isEqualTo(issued);
  }

  /** The addresses listening on TCP {@code port} (IPv4 and IPv6), from /proc/net. */
  private static List<String> listeners(int port) throws IOException {
    List<String> out = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : java.nio.file.Files.readAllLines(Path.of(table))) {
        String[] f = line.strip().split("\\s+");
        // local_address is HEXADDR:HEXPORT; state 0A is LISTEN
        if (f.length > 3 && f[3].equals("0A") && f[1].endsWith(String.format(":%04X", port))) {
          String hex = f[1].substring(0, f[1].indexOf(':'));
          out.add(hex.length() == 8 ? ipv4(hex) : "[" + hex + "]");
        }
      }
    }
    return out;
  }

  /** /proc/net/tcp's address: four bytes in host (little-endian) order. */
  private static String ipv4(String hex) {
    int a = Integer.parseUnsignedInt(hex, 16);
    return (a & 0xff) + "." + (a >> 8 & 0xff) + "." + (a >> 16 & 0xff) + "." + (a >>> 24);
  }

  @Test
  void theControlPlaneNatsLetsInOnlyItsOwnCredsAndHasJetStream() throws Exception {
    assertThat(booty.run(args("up")).exitCode()).isZero();
    String url = "nats://127.0.0.1:" + port.get("nats.client");
    Path creds = tmp.resolve("home/stack/nats/creds/booty.creds");
    assertThat(java.nio.file.Files.getPosixFilePermissions(creds))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    try (io.nats.client.Connection nc =
        io.nats.client.Nats.connect(
            new io.nats.client.Options.Builder()
                .server(url)
                .authHandler(io.nats.client.Nats.credentials(creds.toString()))
                .build())) {
      var jsm = nc.jetStreamManagement();
      jsm.addStream(
          io.nats.client.api.StreamConfiguration.builder()
              .name("PROBE")
              .subjects("probe.>")
              .build());
      var ack = nc.jetStream().publish("probe.one", "hello".getBytes());
      assertThat(ack.getStream()).isEqualTo("PROBE");
      assertThat(ack.getSeqno()).isEqualTo(1);
    }
    assertRefused(new io.nats.client.Options.Builder().server(url).build());
    // creds from another chain of trust: a user of an account this server does not know
    Path foreign = tmp.resolve("foreign.creds");
    java.nio.file.Files.writeString(
        foreign,
        dev.booty.core.stack.NatsTrust.ensure(tmp.resolve("other-trust"))
            .userCreds("BOOTY", "intruder"));
    assertRefused(
        new io.nats.client.Options.Builder()
            .server(url)
            .authHandler(io.nats.client.Nats.credentials(foreign.toString()))
            .build());
  }

  private static void assertRefused(io.nats.client.Options options) {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                io.nats.client.Nats.connect(
                        new io.nats.client.Options.Builder(options).maxReconnects(0).build())
                    .close())
        .hasMessageContaining("Authorization Violation");
  }

  @Test
  void jobsRunToHealthyRegisterInConsulAndFollowWhatNomadIsTold() throws Exception {
    assertThat(booty.run(args("up")).exitCode()).isZero();
    String nomad = "--address=https://127.0.0.1:" + nomadHttp;
    Path job = Path.of("../../jobs/nats-raw.nomad.hcl").toAbsolutePath().normalize();

    Booty.Run run = booty.run("job", "run", nomad, job.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).contains("deployment").contains("healthy 1");
    // Nomad judged health from the Consul agent; the catalog follows a moment later
    String passing = "";
    for (int i = 0; i < 40 && !passing.contains("\"Service\":\"nats-raw\""); i++) {
      passing = get("https://127.0.0.1:" + consulHttp + "/v1/health/service/nats-raw?passing=true");
      Thread.sleep(250);
    }
    assertThat(passing).contains("\"Service\":\"nats-raw\"");
    assertThat(booty.run("job", "list", nomad).out())
        .containsPattern("nats-raw\\s+service\\s+running\\s+\\S+");

    // stopped behind booty's back, through Nomad's own API (as the CLI or UI would)
    send(bootys().nomad("https://127.0.0.1:" + nomadHttp + "/v1/job/nats-raw").DELETE());
    assertThat(booty.run("job", "status", nomad, "nats-raw").out()).contains("(stopped)");

    Path broken = tmp.resolve("broken.nomad.hcl");
    java.nio.file.Files.writeString(
        broken, "job \"x\" {\n  datacenters = [\"booty\"]\n  grup \"g\" {}\n}\n");
    Booty.Run bad = booty.run("job", "run", nomad, broken.toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains(broken + ":3,3-7: Unsupported block type");

    Booty.Run nowhere =
        booty.run("job", "run", nomad, job.toString(), "-var", "datacenters=[\"nowhere\"]");
    assertThat(nowhere.exitCode()).as(nowhere.toString()).isEqualTo(2);
    assertThat(nowhere.err()).contains("placement failed");

    assertThat(booty.run("down").exitCode()).isZero();
    String home = tmp.resolve("home").toString();
    assertThat(java.nio.file.Files.readAllLines(Path.of("/proc/self/mounts")))
        .as("mounts left under the test's booty home")
        .noneMatch(line -> line.contains(home));
    assertThat(
            ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(home)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")))
        .as("processes still using the test's booty home")
        .isEmpty();
  }

  @Test
  void aDockerJobRunsOnPodmanFromALocallyBuiltImageAndDownRemovesItsContainer() throws Exception {
    Booty.Run up = booty.run(args("up"));
    assertThat(up.exitCode()).as(up.toString()).isZero();
    assertThat(up.out()).contains("podman");
    Booty.Run image = booty.run("image", "build", "nats-server");
    assertThat(image.exitCode()).as(image.toString()).isZero();
    assertThat(image.out()).contains("built localhost/booty/nats-server:");

    String nomad = "--address=https://127.0.0.1:" + nomadHttp;
    Path job = Path.of("../../jobs/nats-docker.nomad.hcl").toAbsolutePath().normalize();
    Booty.Run run = booty.run("job", "run", nomad, job.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    String passing = "";
    for (int i = 0; i < 40 && !passing.contains("\"Service\":\"nats-docker\""); i++) {
      passing =
          get("https://127.0.0.1:" + consulHttp + "/v1/health/service/nats-docker?passing=true");
      Thread.sleep(250);
    }
    assertThat(passing).contains("\"Service\":\"nats-docker\"");
    String alloc =
        Json.MAPPER
            .readTree(booty.run("job", "status", nomad, "--json", "nats-docker").out())
            .path("allocations")
            .get(0)
            .path("ID")
            .asText();
    assertThat(containers(alloc)).hasSize(1);

    Booty.Run down = booty.run("down");
    assertThat(down.exitCode()).isZero();
    // the supervisor cleans up as it stops; down would do it if the supervisor were gone
    assertThat(java.nio.file.Files.readString(tmp.resolve("home/stack/logs/supervisor.log")))
        .contains("removed 1 container(s) of Nomad allocations");
    assertThat(containers(alloc)).isEmpty();
  }

  private static List<String> containers(String alloc) throws Exception {
    List<String> ids = new ArrayList<>();
    dev.booty.core.util.ProcessRunner.run(
        List.of("podman", "ps", "-aq", "--filter", "label=com.hashicorp.nomad.alloc_id=" + alloc),
        null,
        Map.of(),
        java.time.Duration.ofSeconds(30),
        l -> {
          if (!l.isBlank()) {
            ids.add(l.strip());
          }
        });
    return ids;
  }

  @Test
  void aKilledSupervisorsServicesAreCleanedUpByTheNextDown() throws Exception {
    assertThat(booty.run(args("up")).exitCode()).isZero();
    JsonNode stack = status().path("stack");
    ProcessHandle supervisor = ProcessHandle.of(stack.path("supervisorPid").asLong()).orElseThrow();
    supervisor.destroyForcibly();
    supervisor.onExit().get();
    List<Long> services = pids(stack);
    assertThat(services).allMatch(pid -> ProcessHandle.of(pid).isPresent());

    Booty.Run down = booty.run("down");
    assertThat(down.out()).contains("ended consul").contains("nomad").contains("caddy");
    for (long pid : services) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
          .isIn(Optional.empty(), Optional.of(false));
    }
  }

  @Test
  void aTakenPortIsNamedWithItsServiceAndNothingStarts() throws Exception {
    try (ServerSocket taken =
        new ServerSocket(nomadHttp, 1, java.net.InetAddress.getLoopbackAddress())) {
      Booty.Run up = booty.run(args("up"));
      assertThat(up.exitCode()).isEqualTo(1);
      assertThat(up.err())
          .contains("port " + nomadHttp + " (nomad.http, for nomad) is already in use");
    }
    assertThat(status().path("stack").isNull()).isTrue();
  }

  @Test
  void anAdvertisedAddressCarriesTheAgentPortsWithCertificatesForItAndABadOneStartsNothing()
      throws Exception {
    String addr = "127.0.63.1";
    Path home = tmp.resolve("home");
    // an address this machine lacks: refused before anything is written or started
    Booty.Run bad = booty.run(args("up", "--advertise", "192.0.2.1"));
    assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
    assertThat(bad.err())
        .contains("--advertise 192.0.2.1: not an address of this machine")
        .contains("this machine's addresses: ")
        .contains("127.0.0.1 (lo)");
    assertThat(status().path("stack").isNull()).isTrue();
    assertThat(home.resolve("stack/network.json")).doesNotExist();
    assertThat(home.resolve("stack/ports.json")).doesNotExist();

    // a stack on loopback is not moved while it runs; down, then up with the address
    assertThat(booty.run(args("up")).exitCode()).isZero();
    Booty.Run moving = booty.run(args("up", "--advertise", addr));
    assertThat(moving.exitCode()).as(moving.toString()).isEqualTo(1);
    assertThat(moving.err())
        .contains(
            "the stack is up and advertises 127.0.0.1; it cannot change to "
                + addr
                + " while running: run 'booty down', then 'booty up --advertise "
                + addr
                + "'");
    assertThat(booty.run("down").exitCode()).isZero();
    Booty.Run up = booty.run(args("up", "--advertise", addr));
    assertThat(up.exitCode()).as(up.toString()).isZero();
    assertThat(up.out()).contains("network: advertised at " + addr + ": nomad.rpc " + addr + ":");
    // kept by an up without the flag
    assertThat(booty.run(args("up")).out()).contains("already up");

    // Nomad's and Consul's RPC speak TLS there, with certificates booty's CA signed for the address
    // (the client trusts booty's CA only and checks the name); Nomad's RPC takes only certificates
    // with a Nomad role, so the probe shows the Nomad agent's own
    var security = StackCredentials.load(new BootyHome(home)).orElseThrow();
    Path nomadTls = home.resolve("stack/nomad/tls");
    var nomadAgent =
        new dev.booty.api.StackSecurity(
            security.caCertificate(),
            nomadTls.resolve("nomad.pem"),
            nomadTls.resolve("nomad-key.pem"),
            security.nomadToken(),
            security.consulToken(),
            security.consulAgentToken(),
            security.consulNomadToken(),
            security.consulGossipKey(),
            security.consulReaderToken());
    assertThat(rpcTlsPeer(StackHttp.sslContext(nomadAgent), addr, port.get("nomad.rpc"), 0x04))
        .contains(addr, "server.global.nomad");
    assertThat(rpcTlsPeer(StackHttp.sslContext(security), addr, port.get("consul.server"), 0x03))
        .contains(addr, "server.booty.consul");
    // booty's own certificate (no Nomad role) is refused by Nomad's RPC: the alert comes after
    // the client's side of the TLS 1.3 handshake, so at the first read (or as a closed socket)
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> {
              try (java.net.Socket plain = new java.net.Socket(addr, port.get("nomad.rpc"))) {
                plain.setSoTimeout(10_000);
                plain.getOutputStream().write(0x04);
                var s =
                    (javax.net.ssl.SSLSocket)
                        StackHttp.sslContext(security)
                            .getSocketFactory()
                            .createSocket(plain, addr, port.get("nomad.rpc"), false);
                s.startHandshake();
                s.getInputStream().read();
              }
            })
        .isInstanceOf(IOException.class)
        .message()
        .containsPattern("bad_certificate|Broken pipe|Connection reset");
    for (String name : List.of("nomad.serf", "consul.serf-lan", "nats.client")) {
      assertThat(accepts(addr, port.get(name))).as(name + " on " + addr).isTrue();
      assertThat(accepts("127.0.0.1", port.get(name))).as(name + " on 127.0.0.1").isFalse();
    }
    // the APIs stay on loopback
    for (String name :
        List.of("nomad.http", "consul.http", "consul.grpc", "consul.serf-wan", "nats.websocket")) {
      assertThat(accepts(addr, port.get(name))).as(name + " on " + addr).isFalse();
      assertThat(accepts("127.0.0.1", port.get(name))).as(name + " on 127.0.0.1").isTrue();
    }

    // the control plane's NATS answers there with booty's creds, and booty's collector found it
    String nats = "nats://" + addr + ":" + port.get("nats.client");
    try (io.nats.client.Connection nc =
        io.nats.client.Nats.connect(
            new io.nats.client.Options.Builder()
                .server(nats)
                .authHandler(
                    io.nats.client.Nats.credentials(
                        home.resolve("stack/nats/creds/booty.creds").toString()))
                .build())) {
      nc.flush(java.time.Duration.ofSeconds(5));
      assertThat(nc.getServerInfo().getServerName()).isEqualTo("booty-control");
    }
    String log = "";
    for (int i = 0; i < 40 && !log.contains("collector: listening on"); i++) {
      Thread.sleep(250);
      log = java.nio.file.Files.readString(home.resolve("stack/logs/supervisor.log"));
    }
    assertThat(log).containsPattern("collector: listening on \\S+ at " + nats + ",");

    // what status shows and what agents and plugins are told
    JsonNode status = status();
    assertThat(status.path("stack").path("advertise").asText()).isEqualTo(addr);
    JsonNode endpoints = status.path("endpoints");
    assertThat(endpoints.path("nomad.rpc").asText()).isEqualTo(addr + ":" + port.get("nomad.rpc"));
    assertThat(endpoints.path("consul.serf-lan").asText())
        .isEqualTo(addr + ":" + port.get("consul.serf-lan"));
    assertThat(endpoints.path("nats.url").asText()).isEqualTo(nats);
    assertThat(endpoints.path("nomad.http").asText()).isEqualTo("https://127.0.0.1:" + nomadHttp);
    assertThat(booty.run("status").out()).contains("network: advertised at " + addr);
    assertThat(get("https://127.0.0.1:" + nomadHttp + "/v1/nodes"))
        .contains("\"Status\":\"ready\"");
  }

  /**
   * The subject alternative names of the certificate Nomad's or Consul's RPC port shows after the
   * byte that asks for TLS ({@code rpcType}), verified against booty's CA for {@code host}.
   */
  private static List<String> rpcTlsPeer(
      javax.net.ssl.SSLContext tls, String host, int port, int rpcType) throws Exception {
    try (java.net.Socket plain = new java.net.Socket(host, port)) {
      plain.getOutputStream().write(rpcType);
      plain.getOutputStream().flush();
      try (javax.net.ssl.SSLSocket s =
          (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, false)) {
        javax.net.ssl.SSLParameters params = s.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
        s.setSSLParameters(params);
        s.startHandshake();
        var cert = (java.security.cert.X509Certificate) s.getSession().getPeerCertificates()[0];
        List<String> names = new ArrayList<>();
        cert.getSubjectAlternativeNames().forEach(san -> names.add(String.valueOf(san.get(1))));
        return names;
      }
    }
  }

  private static boolean accepts(String host, int port) {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress(host, port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String[] args(String... command) {
    List<String> a = new ArrayList<>(List.of(command));
    a.addAll(portArgs);
    return a.toArray(String[]::new);
  }

  private JsonNode status() throws IOException {
    return Json.MAPPER.readTree(booty.run("status", "--json").out());
  }

  private JsonNode awaitStatus(java.util.function.Predicate<JsonNode> done) throws Exception {
    for (int i = 0; i < 120; i++) {
      JsonNode stack = status().path("stack");
      if (!stack.isNull() && done.test(stack)) {
        return stack;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the stack never reached the expected state: " + status());
  }

  private static JsonNode service(JsonNode stack, String name) {
    for (JsonNode s : stack.path("services")) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no service " + name + " in " + stack);
  }

  private static List<Long> pids(JsonNode stack) {
    List<Long> pids = new ArrayList<>();
    stack.path("services").forEach(s -> pids.add(s.path("pid").asLong()));
    return pids;
  }

  /** A GET with basic auth ({@code user:password}, or none). */
  private static HttpRequest.Builder get(String url, String userPassword) {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(url)).timeout(java.time.Duration.ofSeconds(10));
    if (userPassword != null) {
      req.header(
          "Authorization",
          "Basic " + java.util.Base64.getEncoder().encodeToString(userPassword.getBytes()));
    }
    return req;
  }

  private static int status(HttpClient client, String url, String userPassword) throws Exception {
    return client
        .send(get(url, userPassword).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String body(HttpClient client, String url, String password) throws Exception {
    return client
        .send(get(url, "booty:" + password).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** A GET with booty's credentials (both tokens: each server ignores the other's header). */
  private String get(String url) throws Exception {
    return send(bootys().nomad(url).GET()).body();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    StackHttp http = bootys();
    http.security().ifPresent(s -> request.header("X-Consul-Token", s.consulToken()));
    return http.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private StackHttp bootys() {
    return StackHttp.of(StackCredentials.load(new BootyHome(tmp.resolve("home"))));
  }
}

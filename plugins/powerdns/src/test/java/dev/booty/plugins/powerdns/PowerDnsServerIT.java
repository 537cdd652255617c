package dev.booty.plugins.powerdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import dev.booty.api.DnsChaos.State;
import dev.booty.api.DnsProvider.DnsPlan;
import dev.booty.api.DnsProvider.DnsZone;
import dev.booty.api.DnsProvider.Target;
import dev.booty.api.DnsProvider.Tier;
import dev.booty.api.DnsProvider.View;
import dev.booty.api.NomadJob;
import dev.booty.core.testing.TestBinaries;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real PowerDNS (booty's pdns-server component) on 127.97.0.53:53, started as the plugin's
 * Nomad job starts it (the job's own shell line, the files its templates render): it answers the
 * healthy first tier, and the second tier once the first's health URL answers 503; stale freezes
 * the answer whatever health does, down makes queries time out, serving undoes both. Only the
 * signals go to the process directly instead of through Nomad.
 */
class PowerDnsServerIT {
  private static final String DNS = "127.97.0.53";
  private static final String ONE = "127.97.0.11";
  private static final String TWO = "127.97.0.12";
  private static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final Duration BOUND =
      INTERVAL.plusSeconds(ZoneFiles.checkTimeout(INTERVAL)).plusSeconds(1);

  @TempDir Path tmp;

  private final AtomicInteger status1 = new AtomicInteger(200);
  private HttpServer one;
  private HttpServer two;
  private Process pdns;
  private DnsZone zone;
  private FakeContext ctx;
  private PowerDns dns;
  private String name;

  @BeforeEach
  void start() throws Exception {
    one = health(ONE, 0, status1);
    int port = one.getAddress().getPort();
    two = health(TWO, port, new AtomicInteger(200));
    zone =
        new DnsZone(
            "pdns-it.booty.test",
            "nats",
            Duration.ofSeconds(5),
            INTERVAL,
            Map.of("apiPort", "18581"),
            List.of(
                new View(
                    "t1",
                    "t1",
                    Map.of("dns.address", DNS),
                    List.of(tier("t1", ONE, port), tier("t2", TWO, port)))));
    name = zone.fqdn();
    Path binary = TestBinaries.binary("pdns-server");
    ctx = new FakeContext(binary, tmp.resolve("work"));
    dns = new PowerDns(c -> (job, signal) -> signal(signal));
    DnsPlan plan = dns.plan(zone, ctx);
    NomadJob job = plan.jobs().getFirst();
    // what the job's templates render into the task folder
    Path task = Files.createDirectories(tmp.resolve("task"));
    Map<String, String> vars = job.variables();
    Files.writeString(
        task.resolve("pdns.conf"),
        vars.get("config").replace("{{ env \"NOMAD_TASK_DIR\" }}", task.toString()));
    Files.writeString(task.resolve("named.conf"), vars.get("named"));
    Files.writeString(task.resolve("zone.db"), vars.get("zone"));
    pdns =
        new ProcessBuilder(
                "/bin/sh",
                "-c",
                shellLine(job.hcl()),
                "pdns_server",
                vars.get("state_dir"),
                task.toString(),
                vars.get("binary"))
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("pdns.log").toFile())
            .start();
    // booty publishes once the job is healthy; until the first checks ran PowerDNS answers at
    // random: wait for the healthy first tier
    assertThat(awaitAnswer(List.of(ONE), Duration.ofSeconds(15))).containsExactly(ONE);
    dns.publish(plan, ctx);
  }

  @AfterEach
  void stop() throws Exception {
    if (pdns != null) {
      if (pdns.isAlive()) {
        signal("SIGCONT");
      }
      pdns.destroy();
      if (!pdns.waitFor(10, TimeUnit.SECONDS)) {
        pdns.destroyForcibly().waitFor();
      }
    }
    if (one != null) {
      one.stop(0);
    }
    if (two != null) {
      two.stop(0);
    }
  }

  @Test
  void answersTheFirstHealthyTierAndFailsOverWithinIntervalPlusTimeout() throws Exception {
    // the API the job's Consul check reads answers with the zone
    HttpResponse<String> api =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://"
                                + DNS
                                + ":18581/api/v1/servers/localhost/zones/"
                                + zone.zone()
                                + "."))
                    .header("X-API-Key", PowerDns.apiKey(ctx.scenario(), "t1"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
    assertThat(api.body()).contains("nats.pdns-it.booty.test.");

    long[] latencies = new long[200];
    for (int i = 0; i < latencies.length; i++) {
      long t0 = System.nanoTime();
      assertThat(query()).containsExactly(ONE);
      latencies[i] = System.nanoTime() - t0;
    }
    Arrays.sort(latencies);

    status1.set(503);
    long down = System.nanoTime();
    List<String> after = awaitAnswer(List.of(TWO), BOUND);
    long failover = System.nanoTime() - down;
    assertThat(after).containsExactly(TWO);

    status1.set(200);
    long up = System.nanoTime();
    awaitAnswer(List.of(ONE), BOUND);
    long failback = System.nanoTime() - up;
    System.out.printf(
        "powerdns: resolution latency median %.2f ms, p99 %.2f ms (200 UDP queries);"
            + " unhealthy -> second tier answered after %d ms, healthy again -> first tier after"
            + " %d ms (check interval %d s, timeout %d s)%n",
        latencies[100] / 1e6,
        latencies[197] / 1e6,
        failover / 1_000_000,
        failback / 1_000_000,
        INTERVAL.toSeconds(),
        ZoneFiles.checkTimeout(INTERVAL));
  }

  @Test
  void staleKeepsTheAnswerPastAFailedCheckAndServingFollowsHealthAgain() throws Exception {
    ServerFolder folder = ServerFolder.of(ctx, "t1");
    dns.dns(zone.zone(), "t1", State.STALE, ctx);
    assertThat(Files.readString(folder.zone()))
        .doesNotContain("LUA")
        .contains("nats 5 IN A " + ONE);
    assertThat(query()).containsExactly(ONE);

    status1.set(503);
    long until = System.nanoTime() + BOUND.toNanos();
    int queries = 0;
    while (System.nanoTime() < until) {
      assertThat(query())
          .as("answer %d while stale and tier 1 unhealthy", queries)
          .containsExactly(ONE);
      queries++;
      Thread.sleep(50);
    }
    // stale again keeps what it froze, though the server would answer tier 2 by now
    dns.dns(zone.zone(), "t1", State.STALE, ctx);
    assertThat(query()).containsExactly(ONE);

    long heal = System.nanoTime();
    dns.dns(zone.zone(), "t1", State.SERVING, ctx);
    assertThat(awaitAnswer(List.of(TWO), BOUND)).containsExactly(TWO);
    long moved = System.nanoTime() - heal;
    dns.dns(zone.zone(), "t1", State.SERVING, ctx);
    assertThat(Files.readString(folder.zone())).isEqualTo(Files.readString(folder.serving()));
    assertThat(query()).containsExactly(TWO);
    System.out.printf(
        "powerdns stale: %d answers over %d ms all tier 1 while it was unhealthy;"
            + " tier 2 answered %d ms after serving again%n",
        queries, BOUND.toMillis(), moved / 1_000_000);
  }

  @Test
  void downMakesQueriesTimeOutAndServingAnswersAgain() throws Exception {
    dns.dns(zone.zone(), "t1", State.DOWN, ctx);
    dns.dns(zone.zone(), "t1", State.DOWN, ctx);
    assertThatThrownBy(this::query).isInstanceOf(SocketTimeoutException.class);
    // nothing to freeze while it does not answer: stale says so instead of hanging
    assertThatThrownBy(() -> dns.dns(zone.zone(), "t1", State.STALE, ctx))
        .hasMessageContaining("did not answer nats.pdns-it.booty.test within 3 s");

    dns.dns(zone.zone(), "t1", State.SERVING, ctx);
    assertThat(awaitAnswer(List.of(ONE), Duration.ofSeconds(5))).containsExactly(ONE);
    dns.dns(zone.zone(), "t1", State.SERVING, ctx);
    assertThat(query()).containsExactly(ONE);
  }

  /** The job's shell line, as HCL holds it: the one string starting with mkdir. */
  private static String shellLine(String hcl) {
    String line =
        hcl.lines()
            .map(String::strip)
            .filter(l -> l.startsWith("\"mkdir -p"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the job has no shell line starting mkdir"));
    return line.substring(1, line.lastIndexOf('"')).replace("\\\"", "\"");
  }

  /** What Nomad's alloc signal does for the job: the signal to the task's process. */
  private boolean signal(String signal) throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-s", signal.substring(3), Long.toString(pdns.pid()))
            .redirectErrorStream(true)
            .start();
    String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (kill.waitFor() != 0) {
      throw new IOException("kill -s " + signal + " " + pdns.pid() + ": " + out);
    }
    return true;
  }

  private static Tier tier(String dc, String address, int port) {
    return new Tier(
        dc,
        List.of(
            new Target(dc + "-1", address, 4222, "http://" + address + ":" + port + "/healthz")));
  }

  private static HttpServer health(String address, int port, AtomicInteger status)
      throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(address, port), 16);
    s.createContext(
        "/healthz",
        x -> {
          byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(status.get(), body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    s.start();
    return s;
  }

  private List<String> query() throws IOException {
    return DnsQuery.a(DNS, 53, name, Duration.ofSeconds(1));
  }

  private List<String> awaitAnswer(List<String> want, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    List<String> last = List.of();
    while (System.nanoTime() < deadline) {
      if (!pdns.isAlive()) {
        fail(
            "pdns_server exited "
                + pdns.exitValue()
                + ": "
                + Files.readString(tmp.resolve("pdns.log")));
      }
      try {
        last = query();
        if (last.equals(want)) {
          return last;
        }
      } catch (IOException e) {
        last = new ArrayList<>(List.of(e.toString()));
      }
      Thread.sleep(50);
    }
    fail(
        "no answer "
            + want
            + " for "
            + name
            + " within "
            + within
            + " (last: "
            + last
            + ")\n"
            + Files.readString(tmp.resolve("pdns.log")));
    return last;
  }
}

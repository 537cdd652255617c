package dev.booty.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.booty.core.dns.DnsAnswers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Geo DNS in the loop, for real: local-3dc deployed with {@code dns: powerdns} (a PowerDNS per data
 * centre, LUA health checks of every server's /healthz through that data centre's view of the WAN).
 * Inside each data centre the name resolves to that data centre's servers; once Dallas's servers
 * freeze, Dallas's own DNS answers London's (the nearest) within TTL + check interval + 1 s, and
 * Dallas's again once they thaw.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedStack.class)
class GeoDnsIT {
  static final String SUBNET = "127.84";
  static final String NAME = "it-dns";
  static final List<String> DCS = List.of("london", "amsterdam", "dallas");
  static final String FQDN = "nats." + NAME + ".booty.test";
  static final Duration TTL = Duration.ofSeconds(5);
  static final Duration CHECK = Duration.ofSeconds(2);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  TestStack stack;
  Path scenario;

  @BeforeAll
  void up(TestStack shared) throws Exception {
    stack = shared;
    scenario = TestStack.onOwnSubnet("local-3dc.yaml", "local-3dc", NAME, SUBNET, DCS, tmp);
    String text =
        Files.readString(scenario)
            .replace("  dns: none", "  dns: powerdns")
            .replace("\nclients:", "\ndns:\n  ttl: 5s\n  checkInterval: 2s\n\nclients:");
    assertThat(text).contains("dns: powerdns").contains("checkInterval: 2s");
    Files.writeString(scenario, text);
  }

  @AfterAll
  void down() throws Exception {
    if (stack != null) {
      stack.booty.run("destroy", NAME);
    }
    Distribution.endEverythingUnder(tmp);
  }

  @Test
  void eachDataCentreResolvesItsOwnServersAndDallasFailsOverToLondonAndBack() throws Exception {
    Distribution.Run plan = stack.booty.run("deploy", "--plan", "--json", scenario.toString());
    assertThat(plan.exitCode()).as(plan.toString()).isZero();
    JsonNode p = JSON.readTree(plan.out());
    assertThat(p.path("dns").path("fqdn").asText()).isEqualTo(FQDN);
    assertThat(p.path("dns").path("records")).hasSize(3);
    assertThat(p.path("jobs").toString()).contains(NAME + "-dns-dallas");

    // bad input first: an unknown DNS plugin, and a DNS address something else holds; neither
    // deploys anything
    Path unknown = tmp.resolve("unknown-dns.yaml");
    Files.writeString(unknown, Files.readString(scenario).replace("dns: powerdns", "dns: route66"));
    Distribution.Run refused = stack.booty.run("deploy", unknown.toString());
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.err()).contains("route66");
    try (java.net.DatagramSocket held =
        new java.net.DatagramSocket(new java.net.InetSocketAddress(ip(2, 2), 53))) {
      refused = stack.booty.run("deploy", scenario.toString());
      assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
      assertThat(refused.err())
          .contains("data centre amsterdam: PowerDNS cannot bind " + ip(2, 2) + ":53 (UDP");
    }
    assertThat(stack.booty.home().resolve("scenarios/" + NAME + "/state.json")).doesNotExist();

    Distribution.Run deploy = stack.booty.run("deploy", scenario.toString());
    assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
    assertThat(deploy.out()).contains("dallas answers " + FQDN + " with its own 3 server(s)");

    // inside each data centre (its agents' mount namespace, where every job runs) the system
    // resolver asks that data centre's PowerDNS and gets that data centre's servers
    for (int d = 1; d <= 3; d++) {
      List<String> own = List.of(ip(d, 11), ip(d, 12), ip(d, 13));
      assertThat(resolveInside(DCS.get(d - 1))).as(DCS.get(d - 1)).isEqualTo(own);
    }

    // Dallas's view of London's servers: its ends of the WAN links
    List<String> londonSeenFromDallas = new ArrayList<>();
    p.path("names")
        .path("dallas")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getKey().startsWith("lon-")) {
                londonSeenFromDallas.add(e.getValue().asText());
              }
            });
    assertThat(londonSeenFromDallas).hasSize(3);
    String dallasDns = ip(3, 2);
    List<Long> dallasServers = pids("dc-dallas");
    assertThat(dallasServers).hasSize(3);
    Duration bound = TTL.plus(CHECK).plusSeconds(1);
    try {
      dallasServers.forEach(pid -> signal("STOP", pid));
      Duration failover = DnsAnswers.await(dallasDns, FQDN, londonSeenFromDallas, bound);
      System.out.printf(
          "GeoDnsIT: Dallas frozen -> Dallas's DNS answers London after %d ms (bound %d ms)%n",
          failover.toMillis(), bound.toMillis());
    } finally {
      dallasServers.forEach(pid -> signal("CONT", pid));
    }
    Duration back =
        DnsAnswers.await(dallasDns, FQDN, List.of(ip(3, 11), ip(3, 12), ip(3, 13)), bound);
    System.out.printf("GeoDnsIT: Dallas thawed -> its own again after %d ms%n", back.toMillis());

    dnsFaultsOfAScenarioRun(dallasDns, dallasServers, bound);
    dnsDcOutageRunsToAVerdictWithBothProfilesSideBySide();

    Distribution.Run destroy = stack.booty.run("destroy", scenario.toString());
    assertThat(destroy.exitCode()).as(destroy.toString()).isZero();
    assertThat(destroy.out()).contains("stopped job " + NAME + "-dns-dallas");
  }

  /**
   * dns-outage and dns-stale through a real scenario run (the chaos plugin, booty's chaos context,
   * PowerDNS's faults through Nomad): while the outage lasts Dallas's DNS does not answer; while
   * its answers are stale they keep naming Dallas's servers although those freeze; healed, both are
   * gone.
   */
  private void dnsFaultsOfAScenarioRun(String dallasDns, List<Long> dallasServers, Duration bound)
      throws Exception {
    String text = Files.readString(scenario);
    text =
        text.substring(0, text.indexOf("\nclients:"))
            + "\nclients:\n  - datacenter: london\n    count: 1\n"
            + "\nworkload:\n  subject: bench.dnsfaults\n  rate: 5\n  size: 64\n"
            + "  warmup: 2s\n  settle: 2s\n"
            + "\nsteps:\n"
            + "  - at: 1s\n    action: dns-outage\n    target: dallas\n    duration: 8s\n"
            + "  - at: 12s\n    action: dns-stale\n    target: dallas\n    duration: 12s\n";
    Path faults = tmp.resolve("dns-faults.yaml");
    Files.writeString(faults, text);
    Path zone = null;
    try (var files = Files.walk(stack.booty.home().resolve("scenarios/" + NAME))) {
      zone =
          files
              .filter(f -> f.endsWith(Path.of("dallas", "zone.db")))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no zone.db of dallas's PowerDNS"));
    }
    assertThat(Files.readString(zone)).contains("LUA");

    var run =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return stack.booty.run(
                    "scenario",
                    "run",
                    faults.toString(),
                    "--json",
                    "--reports",
                    tmp.resolve("runs").toString());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    // the outage: Dallas's DNS stops answering
    boolean silent = false;
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(90);
    while (!silent && !run.isDone() && java.time.Instant.now().isBefore(deadline)) {
      try {
        DnsAnswers.ask(dallasDns, FQDN, Duration.ofMillis(500));
      } catch (javax.naming.NamingException e) {
        silent = true;
      }
      Thread.sleep(100);
    }
    assertThat(silent).as("Dallas's DNS stopped answering during dns-outage").isTrue();
    // stale: its zone is pinned to plain records; Dallas's servers freeze, the answer stays
    while (Files.readString(zone).contains("LUA")
        && !run.isDone()
        && java.time.Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(Files.readString(zone)).as("zone pinned during dns-stale").doesNotContain("LUA");
    List<String> own = List.of(ip(3, 11), ip(3, 12), ip(3, 13));
    try {
      dallasServers.forEach(pid -> signal("STOP", pid));
      java.time.Instant until = java.time.Instant.now().plus(bound.minusSeconds(2));
      while (java.time.Instant.now().isBefore(until)) {
        assertThat(DnsAnswers.ask(dallasDns, FQDN, Duration.ofSeconds(1)))
            .as("stale answers keep naming frozen Dallas")
            .isEqualTo(own);
        Thread.sleep(200);
      }
    } finally {
      dallasServers.forEach(pid -> signal("CONT", pid));
    }
    Distribution.Run r = run.get(5, java.util.concurrent.TimeUnit.MINUTES);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode report = JSON.readTree(r.out());
    assertThat(report.path("steps")).hasSize(2);
    report
        .path("steps")
        .forEach(st -> assertThat(st.path("error").isNull()).as(st.toString()).isTrue());
    // healed: live answers again
    assertThat(Files.readString(zone)).contains("LUA");
    assertThat(DnsAnswers.ask(dallasDns, FQDN, Duration.ofSeconds(1))).isEqualTo(own);
  }

  /**
   * scenarios/dns-dc-outage.yaml on this deployment: every expectation holds, and its two groups of
   * Dallas clients differ where they must: careful ones notice the frozen servers by pings and land
   * in London; library-default ones (pings every 2 minutes) never notice a 40 s outage, so their
   * requests fail all along.
   */
  private void dnsDcOutageRunsToAVerdictWithBothProfilesSideBySide() throws Exception {
    Path file = TestStack.onOwnSubnet("dns-dc-outage.yaml", "local-3dc", NAME, SUBNET, DCS, tmp);
    Distribution.Run r =
        stack.booty.run(
            "scenario",
            "run",
            file.toString(),
            "--json",
            "--reports",
            tmp.resolve("runs").toString());
    JsonNode report = JSON.readTree(r.out());
    assertThat(r.exitCode()).as(report.path("expectations") + "\n" + r.err()).isZero();
    JsonNode careful = group(report.path("steps").get(0), "dallas-dns-careful");
    JsonNode library = group(report.path("steps").get(0), "dallas-dns-library-default");
    assertThat(careful.path("affected").asInt()).isEqualTo(5);
    assertThat(careful.path("landedIn").path("london").asInt()).isEqualTo(5);
    assertThat(careful.path("newClients").asInt()).isEqualTo(5);
    assertThat(careful.path("newOffNearest").asInt()).isZero();
    assertThat(library.path("affected").asInt()).isZero();
    assertThat(errors(report, "dallas-dns-library-default"))
        .isGreaterThan(errors(report, "dallas-dns-careful"));
  }

  private static JsonNode group(JsonNode step, String name) {
    for (JsonNode g : step.path("groups")) {
      if (g.path("group").asText().equals(name)) {
        return g;
      }
    }
    throw new AssertionError("step " + step.path("index") + " has no group " + name);
  }

  /** A group's failed publishes and requests over the whole run. */
  private static long errors(JsonNode report, String name) {
    long n = 0;
    for (JsonNode g : report.path("groups")) {
      if (g.path("group").asText().equals(name)) {
        for (JsonNode t : g.path("totals")) {
          n += t.path("errors").asLong();
        }
      }
    }
    return n;
  }

  private static String ip(int dc, int host) {
    return SUBNET + "." + dc + "." + host;
  }

  /** The addresses {@code getent} finds for the name inside a data centre's mount namespace. */
  private List<String> resolveInside(String dc) throws Exception {
    String config =
        stack
            .booty
            .home()
            .resolve("scenarios/" + NAME + "/local/dc-" + dc + "/nomad.hcl")
            .toString();
    long agent = -1;
    for (ProcessHandle h : ProcessHandle.allProcesses().toList()) {
      String line = h.info().commandLine().orElse("");
      if (line.contains(" agent ") && line.contains("-config=" + config)) {
        agent = h.pid();
      }
    }
    assertThat(agent).as("the Nomad client of " + dc).isPositive();
    Process p =
        new ProcessBuilder("nsenter", "-m", "-t", Long.toString(agent), "getent", "ahostsv4", FQDN)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    return new ArrayList<>(
        new TreeSet<>(out.lines().map(l -> l.split("\\s+")[0]).filter(l -> !l.isBlank()).toList()));
  }

  /** The nats-server processes of one data centre (their config lives in its Nomad allocs). */
  private static List<Long> pids(String dcFolder) {
    List<Long> out = new ArrayList<>();
    for (ProcessHandle h : ProcessHandle.allProcesses().toList()) {
      String cmd = h.info().command().orElse("");
      String line = h.info().commandLine().orElse("");
      if (cmd.endsWith("/nats-server") && line.contains("/" + dcFolder + "/")) {
        out.add(h.pid());
      }
    }
    return out;
  }

  private static void signal(String signal, long pid) {
    try {
      assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor())
          .isZero();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

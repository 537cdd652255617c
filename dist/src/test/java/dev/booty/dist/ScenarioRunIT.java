package dev.booty.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.booty.plugins.ssh.SshTestHosts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each failure scenario of the repository runs end to end with the real distribution on a real
 * stack and a real 3-DC super-cluster (its own loopback subnet): booty deploys it, schedules the
 * test clients on Nomad, injects the faults, and judges. The verdict and the figures are checked
 * against the clients' own records; a run killed in the middle of an outage leaves no fault behind
 * once its lease has run out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedStack.class)
class ScenarioRunIT {
  static final String SUBNET = "127.81";
  static final String NAME = "it-run";
  static final List<String> DCS = List.of("london", "amsterdam", "dallas");
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @TempDir static Path tmp;
  TestStack stack;

  @BeforeAll
  void up(TestStack shared) {
    stack = shared;
  }

  @AfterAll
  void down() throws Exception {
    if (stack != null) {
      stack.booty.run("chaos", "heal", NAME);
      stack.booty.run("destroy", NAME);
    }
    Distribution.endEverythingUnder(tmp);
  }

  /** A repository scenario on the test's subnet, {@code edit} applied to its text. */
  Path scenario(String file, java.util.function.UnaryOperator<String> edit) throws Exception {
    Path p = TestStack.onOwnSubnet(file, "local-3dc", NAME, SUBNET, DCS, tmp);
    Files.writeString(p, edit.apply(Files.readString(p)));
    return p;
  }

  record Outcome(Distribution.Run run, JsonNode report) {}

  Outcome run(Path file, String... options) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "scenario",
                "run",
                file.toString(),
                "--json",
                "--reports",
                tmp.resolve("runs").toString()));
    args.addAll(List.of(options));
    Distribution.Run r = stack.booty.run(args.toArray(String[]::new));
    JsonNode report;
    try {
      report = JSON.readTree(r.out());
    } catch (Exception e) {
      throw new AssertionError("no JSON report: " + r, e);
    }
    assertThat(report.path("error").isNull())
        .as(report.path("error").asText() + "\n" + r.err())
        .isTrue();
    return new Outcome(r, report);
  }

  @Test
  @Order(1)
  void dcOutageSilentDallasLandsInLondonAndHardAmsterdamToo() throws Exception {
    Outcome o = run(scenario("dc-outage.yaml", t -> t));
    JsonNode r = o.report();

    // step 0: Dallas frozen; its 10 clients notice by pings and reconnect to London, the nearest
    // healthy data centre by the configured RTTs (105 ms, Amsterdam 115 ms)
    JsonNode silent = impact(r.path("steps").get(0), "dallas");
    assertThat(silent.path("affected").asInt()).isEqualTo(10);
    assertThat(silent.path("nearest").asText()).isEqualTo("london");
    assertThat(silent.path("landedIn").path("london").asInt()).isEqualTo(10);
    assertThat(silent.path("notReconnected").asInt()).isZero();
    // silence is noticed by missing PONGs: never at once, within interval x (pings out + 1)
    assertThat(silent.path("detectMs").path("p50").asDouble()).isBetween(1000.0, 4500.0);

    // step 1: Amsterdam killed; its clients see resets at once and land in London (8 ms)
    JsonNode hard = impact(r.path("steps").get(1), "amsterdam");
    assertThat(hard.path("affected").asInt()).isEqualTo(10);
    assertThat(hard.path("landedIn").path("london").asInt()).isEqualTo(10);
    // a reset is noticed as soon as the kill lands: before any silence is
    assertThat(hard.path("detectMs").path("p99").asDouble())
        .isLessThan(silent.path("detectMs").path("p50").asDouble());
    // London's clients saw nothing of either
    assertThat(impact(r.path("steps").get(0), "london").path("affected").asInt()).isZero();

    // the report agrees with the clients' raw records
    Instant start = Instant.parse(r.path("steps").get(0).path("startedAt").asText());
    Instant healed = Instant.parse(r.path("steps").get(0).path("healedAt").asText());
    int movedToLondon = 0;
    long pubsubSent = 0;
    for (JsonNode c : r.path("clients")) {
      pubsubSent += c.path("kinds").path("pubsub").path("sent").asLong();
      if (c.path("dc").asText().equals("dallas")
          && serverAt(c, healed).startsWith("nats://lon-")
          && firstDisconnectAfter(c, start) != null) {
        movedToLondon++;
      }
    }
    assertThat(movedToLondon).isEqualTo(10);
    assertThat(r.path("totals").path("pubsub").path("sent").asLong()).isEqualTo(pubsubSent);
    assertThat(r.path("clients")).hasSize(25);

    // no acknowledged JetStream message of a data centre that stayed up was lost
    JsonNode js = r.path("totals").path("jetstream");
    assertThat(js.path("lost").asLong() - js.path("lostInFaulted").asLong()).isZero();
    assertThat(o.run().exitCode()).as(verdict(r) + o.run().err()).isZero();
    assertThat(r.path("outcome").asText()).isEqualTo("pass");
    assertThat(tmp.resolve("runs")).isDirectoryRecursivelyContaining("glob:**/report.html");
  }

  @Test
  @Order(2)
  void partialOutageKeepsDallasClientsInDallas() throws Exception {
    // a cold client JVM's first connection may take over 500 ms on a busy machine; it would then
    // start on its second seed, which the kill does not touch
    Outcome o =
        run(
            scenario(
                "partial-outage.yaml",
                t -> t.replace("connectTimeout: 500ms", "connectTimeout: 2s")));
    JsonNode r = o.report();

    JsonNode killed = impact(r.path("steps").get(0), "dallas");
    // a Dallas client starts on dal-1, the first of its seeds: every one there when it is killed
    // moves, and stays in Dallas
    Instant start = Instant.parse(r.path("steps").get(0).path("startedAt").asText());
    int onDal1 = 0;
    for (JsonNode c : r.path("clients")) {
      if (c.path("dc").asText().equals("dallas")
          && serverAt(c, start).startsWith("nats://dal-1.")) {
        onDal1++;
      }
    }
    assertThat(onDal1).as("Dallas clients on dal-1 when it was killed").isGreaterThanOrEqualTo(8);
    assertThat(killed.path("affected").asInt()).isEqualTo(onDal1);
    assertThat(killed.path("landedIn").path("dallas").asInt()).isEqualTo(onDal1);
    assertThat(killed.path("reconnectMs").path("max").asDouble()).isLessThan(2000.0);
    // a slow path and a flapping WAN do not touch clients connected inside their data centre
    assertThat(impact(r.path("steps").get(1), "dallas").path("affected").asInt()).isZero();
    assertThat(impact(r.path("steps").get(2), "dallas").path("affected").asInt()).isZero();
    assertThat(r.path("steps").get(2).path("action").asText()).isEqualTo("dc-flap");
    assertThat(r.path("totals").path("jetstream").path("lost").asLong()).isZero();
    assertThat(o.run().exitCode()).as(verdict(r) + o.run().err()).isZero();
  }

  @Test
  @Order(3)
  void clientScaleAndAnImpossibleExpectationFailsNamingIt() throws Exception {
    Path file =
        scenario("client-scale.yaml", t -> t + "  - metric: latency_p99\n    below: 0.001ms\n");
    Distribution.Run text =
        stack.booty.run(
            "scenario", "run", file.toString(), "--reports", tmp.resolve("runs").toString());

    assertThat(text.exitCode()).as(text.toString()).isEqualTo(1);
    assertThat(text.out()).contains("FAIL").containsPattern("FAIL +latency_p99");
    // every expectation is judged and named; the others usually hold, but in 2 of about 8 full
    // runs (2026-12-04) 3 new Dallas clients lost their connection when London scaled back down
    // (clients_affected 3, js_lost_all 1): a finding to explain (see the stop note), not hidden
    // here, so this test only requires the impossible one to fail
    for (String metric :
        List.of("clients_affected", "js_lost_all", "messages_lost", "request_errors")) {
      assertThat(text.out()).as(text.toString()).containsPattern("(ok|FAIL) +" + metric + " ");
    }
    Path json =
        Path.of(
            text.out()
                .lines()
                .filter(l -> l.strip().endsWith("report.json"))
                .findFirst()
                .orElseThrow()
                .strip());
    JsonNode r = JSON.readTree(json.toFile());
    // London went from 5 to 15 clients and back; Dallas from 10 to 0 and back: new processes,
    // new clients, all of them reporting
    Map<String, Integer> perDc = new TreeMap<>();
    r.path("clients").forEach(c -> perDc.merge(c.path("dc").asText(), 1, Integer::sum));
    assertThat(perDc).containsEntry("london", 15).containsEntry("dallas", 20);
    assertThat(r.path("outcome").asText()).isEqualTo("fail");
  }

  @Test
  @Order(4)
  void killingBootyDuringAnOutageLeavesNoFaultOnceTheLeaseRunsOut() throws Exception {
    Path file =
        scenario(
            "dc-outage.yaml",
            t ->
                t.replaceAll("(?s)steps:.*", "")
                    + "steps:\n  - at: 2s\n    action: dc-outage\n    target: dallas\n"
                    + "    duration: 10m\n    options:\n      kind: silent\n");
    Path log = tmp.resolve("killed-run.log");
    Process p = stack.booty.start(log, "scenario", "run", file.toString(), "--lease", "5s");
    Path home = stack.booty.home();
    Path ledger = home.resolve("scenarios").resolve(NAME).resolve("faults.json");
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    while (!(Files.exists(ledger) && Files.readString(ledger).contains("dc-outage"))) {
      assertThat(Instant.now()).as(Files.readString(log)).isBefore(deadline);
      assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
      Thread.sleep(200);
    }
    Thread.sleep(2000);
    List<String> monitors = monitors(home, "dallas");
    assertThat(monitors).hasSize(3);
    for (String m : monitors) {
      assertThat(healthy(m)).as(m + " frozen").isFalse();
    }

    p.destroyForcibly().waitFor();

    deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!(monitors.stream().allMatch(ScenarioRunIT::healthy)
        && !Files.readString(ledger).contains("dc-outage"))) {
      assertThat(Instant.now()).as("healed by the watchdog").isBefore(deadline);
      Thread.sleep(500);
    }
    // and the run's clients went with it
    deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (clientJobsRunning() > 0) {
      assertThat(Instant.now()).as("client jobs stopped").isBefore(deadline);
      Thread.sleep(500);
    }
  }

  @Test
  @Order(0)
  void rollingUpgradeChangesEveryServerAndClientsStayHomeLosingNoAcknowledgedMessage()
      throws Exception {
    // first of the class: the deployment is new, at 2.10.27 (later ones run 2.11.17, which a
    // deployment cannot go back from without --fresh)
    Outcome o = run(scenario("rolling-upgrade.yaml", t -> t));
    JsonNode r = o.report();

    for (String m : monitors(stack.booty.home(), null)) {
      assertThat(get(m + "/varz").path("version").asText()).as(m).isEqualTo("2.11.17");
    }
    assertThat(r.path("steps").get(0).path("error").isNull()).isTrue();
    for (String dc : DCS) {
      JsonNode d = impact(r.path("steps").get(0), dc);
      // lame duck moves every client off each server in turn, and they stay in their data centre
      assertThat(d.path("affected").asInt()).as(dc).isEqualTo(5);
      assertThat(d.path("landedIn").path(dc).asInt()).as(dc).isEqualTo(5);
    }
    assertThat(r.path("totals").path("jetstream").path("lost").asLong()).isZero();
    assertThat(o.run().exitCode()).as(verdict(r) + o.run().err()).isZero();
  }

  @Test
  @Order(5)
  void browserClientsBesideJvmOnesLandInLondonAndLoseNoAcknowledgedMessage() throws Exception {
    List<Path> profilesBefore = chromiumFolders();
    Outcome o = run(scenario("browser-dc-outage.yaml", t -> t));
    JsonNode r = o.report();
    List<JsonNode> browsers = new ArrayList<>();
    r.path("clients")
        .forEach(
            c -> {
              if (c.path("kind").asText().equals("browser")) {
                browsers.add(c);
              }
            });
    // London's 5, Dallas's 10, and Dallas's 10 started afresh before the silent outage
    assertThat(browsers).hasSize(25);

    // each outage, from the browsers' own records: every Dallas browser connected to Dallas when
    // it began lost that connection and reconnected to a London server (the nearest healthy data
    // centre, 105 ms against Amsterdam's 115 ms); the next step may close it before the heal
    for (int step : new int[] {0, 3}) {
      JsonNode st = r.path("steps").get(step);
      assertThat(st.path("action").asText()).isEqualTo("dc-outage");
      Instant start = Instant.parse(st.path("startedAt").asText());
      Instant healed = Instant.parse(st.path("healedAt").asText());
      int inDallas = 0;
      int movedToLondon = 0;
      for (JsonNode c : browsers) {
        if (c.path("dc").asText().equals("dallas") && serverAt(c, start).startsWith("ws://dal-")) {
          inDallas++;
          if (firstDisconnectAfter(c, start) != null
              && landedAfter(c, start, healed).startsWith("ws://lon-")) {
            movedToLondon++;
          }
        }
      }
      assertThat(inDallas)
          .as("Dallas browsers on Dallas when step " + step + " began")
          .isEqualTo(10);
      assertThat(movedToLondon)
          .as(
              "step "
                  + step
                  + " from "
                  + start
                  + " to "
                  + healed
                  + "; Dallas's browsers: "
                  + events(browsers, "dallas"))
          .isEqualTo(10);
    }

    // no acknowledged JetStream message of London's browsers was lost: each one's acknowledged
    // sequences arrived at London's clients (browsers and JVM clients share the durable consumer)
    for (JsonNode c : browsers) {
      if (!c.path("dc").asText().equals("london")) {
        continue;
      }
      String id = c.path("id").asText();
      java.util.Set<Long> expected = sequences(c.path("kinds").path("jetstream").path("expected"));
      assertThat(expected).as(id + " acknowledged").isNotEmpty();
      java.util.Set<Long> received = new java.util.HashSet<>();
      for (JsonNode other : r.path("clients")) {
        if (other.path("dc").asText().equals("london")) {
          received.addAll(
              sequences(other.path("kinds").path("jetstream").path("received").path(id)));
        }
      }
      expected.removeAll(received);
      assertThat(expected).as(id + ": acknowledged, never received").isEmpty();
    }
    JsonNode js = r.path("totals").path("jetstream");
    assertThat(js.path("lost").asLong() - js.path("lostInFaulted").asLong()).isZero();
    List<JsonNode> all = new ArrayList<>();
    r.path("clients").forEach(all::add);
    assertThat(o.run().exitCode())
        .as(
            verdict(r)
                + "\nDallas's clients: "
                + events(all, "dallas")
                + "\nLondon's clients: "
                + events(all, "london")
                + "\nsteps: "
                + r.path("steps")
                + "\n"
                + o.run().err())
        .isZero();

    // nothing of the browsers is left: no process of a clients job, no Chromium profile
    // (the run stops the client jobs; Nomad gives each task its kill timeout to send its reports)
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!leftovers().isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
    }
    assertThat(leftovers())
        .as("processes of the run's client jobs; the run said:\n" + o.run().err())
        .isEmpty();
    List<Path> profiles = chromiumFolders();
    profiles.removeAll(profilesBefore);
    assertThat(profiles).as("Chromium profile folders the run left").isEmpty();
  }

  /** The folders booty's browsers keep their profile in while they run. */
  private static List<Path> chromiumFolders() throws Exception {
    try (var l = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return new ArrayList<>(
          l.filter(p -> p.getFileName().toString().startsWith("booty-chromium-")).toList());
    }
  }

  @Test
  @Order(6)
  void aBrowserThatCrashesEndsTheRunBrokenWithItsConsoleAndHealsTheOutage() throws Exception {
    Path file =
        scenario(
            "browser-dc-outage.yaml",
            t ->
                t.replaceAll("(?s)steps:.*", "")
                    + "steps:\n  - at: 2s\n    action: dc-outage\n    target: dallas\n"
                    + "    duration: 10m\n    options:\n      kind: silent\n");
    Path log = tmp.resolve("crashed-browser-run.log");
    Process p =
        stack.booty.start(
            log, "scenario", "run", file.toString(), "--reports", tmp.resolve("runs").toString());
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    long chromium = -1;
    while (chromium < 0) {
      assertThat(Instant.now()).as(Files.readString(log)).isBefore(deadline);
      assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
      if (Files.readString(log).contains("step 0: dc-outage")) {
        chromium = browserOf(NAME + "-clients-london-browser");
      }
      Thread.sleep(200);
    }
    // London's browser dies as a crashing browser does: at once, without a word
    ProcessHandle.of(chromium).orElseThrow().destroyForcibly();

    assertThat(p.waitFor(3, java.util.concurrent.TimeUnit.MINUTES))
        .as("the run ends instead of waiting out its 10 min step")
        .isTrue();
    String out = Files.readString(log);
    assertThat(p.exitValue()).as(out).isEqualTo(3);
    assertThat(out).contains("BROKEN: the test clients broke: browser process london-browser-0");
    Path json =
        Path.of(
            out.lines()
                .filter(l -> l.strip().endsWith("report.json"))
                .findFirst()
                .orElseThrow()
                .strip());
    JsonNode r = JSON.readTree(json.toFile());
    assertThat(r.path("outcome").asText()).isEqualTo("broken");
    assertThat(r.path("error").asText())
        .contains("the test clients broke: browser process london-browser-0")
        .contains("(london)");
    // the outage it was in was healed: Dallas's servers answer again
    for (String m : monitors(stack.booty.home(), "dallas")) {
      assertThat(healthy(m)).as(m + " thawed").isTrue();
    }
    deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!leftovers().isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
    }
    assertThat(leftovers())
        .as("processes of the run's client jobs; the run said:\n" + out)
        .isEmpty();
  }

  @Test
  @Order(7)
  void theDashboardShowsTheDeploymentLiveItsRunsAndTheNomadUiBehindThePassword() throws Exception {
    // a short run of local-3dc: a 6 s hard outage of Dallas, few clients
    Path file =
        scenario(
            "local-3dc.yaml",
            t ->
                t.replaceAll("(?s)steps:.*", "")
                        .replace("count: 10", "count: 2")
                        .replace("  size: 128\n", "  size: 128\n  warmup: 3s\n  settle: 3s\n")
                    + "steps:\n  - at: 4s\n    action: dc-outage\n    target: dallas\n"
                    + "    duration: 6s\n");
    DashboardChecks d = new DashboardChecks(stack, NAME, tmp);
    // the first run deploys it-run as this file has it (when this test runs alone) and is the
    // earlier run of the comparison
    Distribution.Run first = stack.booty.run("scenario", "run", file.toString());
    assertThat(first.exitCode()).as(first.toString()).isIn(0, 1);
    String firstRun =
        DashboardChecks.report(first.out() + first.err()).getParent().getFileName().toString();
    d.nothingWithoutThePassword();
    d.actionsAreProtectedAgainstCrossSiteRequests();
    try (DashboardBrowser b = new DashboardBrowser(stack)) {
      d.liveViewFollowsAFrozenDataCentre(b);
      String second = d.runShowsLiveThenInTheHistory(b, file);
      d.reportOpens(b, second);
      d.twoRunsCompare(b, firstRun, second);
      d.everyLayerHasItsFrame(b);
      d.nomadUiStopShowsEverywhere(b, NAME + "-nats-amsterdam");
    }
  }

  /**
   * {@code hosting: ssh} end to end on this test's stack: real OpenSSH servers as hosts (each in
   * its own mount namespace on its own loopback address) become three data centres beside the local
   * ones, the scenario runs on them to a verdict, and destroy leaves every host's files and
   * processes as they were.
   */
  @Test
  @Order(8)
  void sshHostsBecomeThreeDataCentresRunTheScenarioAndDestroyLeavesThemAsBefore() throws Exception {
    try (SshTestHosts hosts = SshTestHosts.start("127.0.95.", SshDataCentres.hostOptions())) {
      List<String> before = SshDataCentres.state(hosts);
      Path file = SshDataCentres.scenario(hosts, tmp);
      try {
        Distribution.Run deploy = stack.booty.run("deploy", file.toString());
        assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
        assertThat(deploy.out()).contains("4/4 servers passing in Consul");
        // every host is a ready Nomad node of its data centre, with booty's agent on it
        JsonNode nodes = stack.api().get(stack.nomad() + "/v1/nodes");
        List<String> ready = new ArrayList<>();
        nodes.forEach(
            n -> {
              if (n.path("Name").asText().startsWith(SshDataCentres.NAME + "-")
                  && n.path("Status").asText().equals("ready")) {
                ready.add(n.path("Datacenter").asText());
              }
            });
        assertThat(ready).containsExactlyInAnyOrder("paris", "paris", "tokyo", "sydney");
        Distribution.Run agents = stack.booty.run("cmd", "all", "status");
        assertThat(agents.exitCode()).as(agents.toString()).isZero();
        for (String dc : List.of("paris", "tokyo", "sydney")) {
          assertThat(agents.out()).as(agents.toString()).contains(SshDataCentres.NAME + "-" + dc);
        }

        Outcome o = run(file);
        JsonNode r = o.report();
        JsonNode tokyo = impact(r.path("steps").get(0), "tokyo");
        // a client's first connection is not in the verdict: a report whose Tokyo clients did not
        // start at home shows it in their events
        assertThat(tokyo.path("affected").asInt())
            .as("%s%s\n%s", verdict(r), tokyo, o.run())
            .isEqualTo(4);
        assertThat(tokyo.path("landedIn").path("sydney").asInt()).as(verdict(r)).isEqualTo(4);
        assertThat(r.path("clients")).hasSize(8);
        // no WAN emulation on real hosts: the report records the round trips the gateways measured
        JsonNode measured = r.path("measuredRttMs");
        assertThat(measured.size()).as(measured.toString()).isEqualTo(6);
        assertThat(measured.path("tokyo->sydney").asDouble(-1)).isBetween(0.0, 100.0);
        assertThat(o.run().exitCode()).as(verdict(r) + o.run().err()).isZero();
        assertThat(r.path("outcome").asText()).isEqualTo("pass");
      } finally {
        Distribution.Run destroy = stack.booty.run("destroy", file.toString());
        assertThat(destroy.exitCode()).as(destroy.toString()).isZero();
      }
      assertThat(SshDataCentres.state(hosts)).isEqualTo(before);
      assertThat(
              stack.api().get(stack.nomad() + "/v1/vars?prefix=nomad/jobs/" + SshDataCentres.NAME))
          .as("the creds booty handed the jobs")
          .isEmpty();
    }
  }

  /** The main Chromium process (no --type) of one allocation of a browser job. */
  private static long browserOf(String job) throws Exception {
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String env = Files.readString(p.resolve("environ")).replace('\0', '\n');
          String cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
          if (env.contains("NOMAD_JOB_NAME=" + job + "\n")
              && env.contains("NOMAD_ALLOC_INDEX=0\n")
              && cmd.contains("chromium")
              && !cmd.contains("--type=")
              && !cmd.contains("chromedriver")) {
            return Long.parseLong(p.getFileName().toString());
          }
        } catch (java.io.IOException e) {
          // gone meanwhile, or not ours to read
        }
      }
    }
    return -1;
  }

  /** Each client's events, {@code id: time type server; ...}, of one data centre. */
  private static String events(List<JsonNode> clients, String dc) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode c : clients) {
      if (c.path("dc").asText().equals(dc)) {
        sb.append("\n  ").append(c.path("id").asText()).append(':');
        c.path("events")
            .forEach(
                e ->
                    sb.append(' ')
                        .append(e.path("time").asText())
                        .append(' ')
                        .append(e.path("type").asText())
                        .append(' ')
                        .append(e.path("server").asText())
                        .append(';'));
      }
    }
    return sb.toString();
  }

  /** Processes still running for one of this scenario's client jobs (by their Nomad job). */
  private static List<String> leftovers() throws Exception {
    List<String> out = new ArrayList<>();
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String env = Files.readString(p.resolve("environ")).replace('\0', '\n');
          if (env.contains("NOMAD_JOB_NAME=" + NAME + "-clients-")) {
            out.add(
                p.getFileName()
                    + " "
                    + Files.readString(p.resolve("cmdline")).replace('\0', ' ').strip());
          }
        } catch (java.io.IOException e) {
          // gone meanwhile, or not ours to read
        }
      }
    }
    return out;
  }

  /** Sequence ranges as a report writes them ({@code 1-50,52}). */
  private static java.util.Set<Long> sequences(JsonNode ranges) {
    java.util.Set<Long> out = new java.util.HashSet<>();
    for (String part : ranges.asText("").split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String[] ab = part.split("-");
      long a = Long.parseLong(ab[0]);
      long b = ab.length > 1 ? Long.parseLong(ab[1]) : a;
      for (long i = a; i <= b; i++) {
        out.add(i);
      }
    }
    return out;
  }

  private static JsonNode impact(JsonNode step, String dc) {
    for (JsonNode d : step.path("datacenters")) {
      if (d.path("dc").asText().equals(dc)) {
        return d;
      }
    }
    throw new AssertionError("step " + step + " has no data centre " + dc);
  }

  private static String verdict(JsonNode r) {
    return r.path("expectations").toString() + "\n";
  }

  /** The server a client was connected to at {@code at}, from its own events. */
  private static String serverAt(JsonNode client, Instant at) {
    String server = "";
    for (JsonNode e : client.path("events")) {
      if (Instant.parse(e.path("time").asText()).isAfter(at)) {
        break;
      }
      String type = e.path("type").asText();
      server =
          type.equals("CONNECTED") || type.equals("RECONNECTED") ? e.path("server").asText() : "";
    }
    return server;
  }

  /**
   * Where a client landed after {@code from}: the server of its last reconnect before the heal or
   * its closing, whichever came first. A hard outage kills a DC's servers side by side, not at the
   * same instant: a client may reconnect to a sibling that dies a few ms later and then move on.
   */
  private static String landedAfter(JsonNode client, Instant from, Instant healed) {
    String landed = "";
    for (JsonNode e : client.path("events")) {
      Instant t = Instant.parse(e.path("time").asText());
      if (t.isBefore(from)) {
        continue;
      }
      String type = e.path("type").asText();
      if (!t.isBefore(healed) || type.equals("CLOSED")) {
        break;
      }
      if (type.equals("RECONNECTED")) {
        landed = e.path("server").asText();
      }
    }
    return landed;
  }

  private static Instant firstDisconnectAfter(JsonNode client, Instant from) {
    for (JsonNode e : client.path("events")) {
      Instant t = Instant.parse(e.path("time").asText());
      if (!t.isBefore(from) && e.path("type").asText().equals("DISCONNECTED")) {
        return t;
      }
    }
    return null;
  }

  /** Monitoring URLs of the servers of {@code dc} (all when null), from the run's inventory. */
  private static List<String> monitors(Path home, String dc) throws Exception {
    JsonNode inv =
        JSON.readTree(home.resolve("scenarios").resolve(NAME).resolve("inventory.json").toFile());
    List<String> out = new ArrayList<>();
    for (JsonNode s : inv.path("servers")) {
      if (dc == null || s.path("dc").asText().equals(dc)) {
        out.add(s.path("monitorUrl").asText());
      }
    }
    return out;
  }

  private int clientJobsRunning() throws Exception {
    int n = 0;
    for (JsonNode j : get(stack.nomad() + "/v1/jobs")) {
      if (j.path("ID").asText().startsWith(NAME + "-clients-")
          && j.path("Status").asText().equals("running")) {
        n++;
      }
    }
    return n;
  }

  private static boolean healthy(String monitor) {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create(monitor + "/healthz"))
                      .timeout(Duration.ofSeconds(1))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private JsonNode get(String url) throws Exception {
    return stack.api().get(url);
  }
}

package dev.booty.core.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.client.ClientReport;
import dev.booty.core.deploy.DeploymentState;
import dev.booty.core.run.FaultLedger;
import dev.booty.core.util.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LiveStateTest {
  static final DeploymentState DEMO =
      new DeploymentState(
          "demo",
          null,
          "local",
          "nats",
          true,
          List.of(
              new DeploymentState.DataCentre("dallas", 0, 1),
              new DeploymentState.DataCentre("london", 1, 1)),
          List.of(),
          "2026-12-03T11:45:00Z",
          null,
          null);

  private final AtomicInteger changes = new AtomicInteger();
  private final LiveState state = new LiveState(Clock.systemUTC(), changes::incrementAndGet);

  private JsonNode json() throws Exception {
    return Json.MAPPER.readTree(state.json());
  }

  private JsonNode server(String name) throws Exception {
    for (JsonNode dc : json().path("scenarios").get(0).path("dcs")) {
      for (JsonNode s : dc.path("servers")) {
        if (s.path("name").asText().equals(name)) {
          return s;
        }
      }
    }
    throw new AssertionError("no server " + name + " in " + state.json());
  }

  private void deployDemo() {
    state.deployed(List.of(DEMO));
    state.servers(
        "demo",
        List.of(
            new Sources.Server("dal-1", "dallas", "127.0.93.1", 8222, "passing"),
            new Sources.Server("lon-1", "london", "127.0.93.2", 8222, "critical")),
        Map.of("127.0.93.12", "lon-1"));
  }

  @Test
  void serverStateFollowsProbesAndEachChangeBumpsSeqOnce() throws Exception {
    deployDemo();
    assertThat(server("dal-1").path("state").asText()).isEqualTo("unknown");
    assertThat(server("lon-1").path("consul").asText()).isEqualTo("critical");

    state.probed("demo", "dal-1", Sources.Health.UP);
    long seq = state.seq();
    int pushed = changes.get();
    assertThat(server("dal-1").path("state").asText()).isEqualTo("up");

    state.probed("demo", "dal-1", Sources.Health.UP);
    assertThat(state.seq()).as("the same answer again changes nothing").isEqualTo(seq);
    assertThat(changes.get()).isEqualTo(pushed);

    state.probed("demo", "dal-1", Sources.Health.FROZEN);
    assertThat(server("dal-1").path("state").asText()).isEqualTo("frozen");
    assertThat(state.seq()).isEqualTo(seq + 1);
    assertThat(json().path("cause").path("type").asText()).isEqualTo("server");
    assertThat(json().path("cause").path("detail").asText()).isEqualTo("dal-1 frozen");

    state.probed("demo", "dal-1", Sources.Health.DEAD);
    assertThat(server("dal-1").path("state").asText()).isEqualTo("dead");
    assertThat(state.json()).doesNotContain("\n");
  }

  @Test
  void aServerTheRunPutInLameDuckShowsSoWhileItAnswers() throws Exception {
    deployDemo();
    state.probed("demo", "lon-1", Sources.Health.UP);
    state.runEvent("demo", event("{\"type\":\"started\",\"run\":\"r1\",\"pid\":42,\"steps\":[]}"));
    state.runEvent(
        "demo",
        event("{\"type\":\"step-started\",\"run\":\"r1\",\"index\":0,\"lameDuck\":[\"lon-1\"]}"));
    assertThat(server("lon-1").path("state").asText()).isEqualTo("lameduck");
    state.probed("demo", "lon-1", Sources.Health.DEAD);
    assertThat(server("lon-1").path("state").asText()).isEqualTo("dead");
    state.runEvent("demo", event("{\"type\":\"ended\",\"run\":\"r1\",\"outcome\":\"pass\"}"));
    state.probed("demo", "lon-1", Sources.Health.UP);
    assertThat(server("lon-1").path("state").asText()).isEqualTo("up");
  }

  @Test
  void runEventsMakeTheRunObjectAndEndedClearsIt() throws Exception {
    deployDemo();
    state.runEvent(
        "demo",
        event(
            "{\"type\":\"started\",\"run\":\"r1\",\"at\":1000,\"pid\":42,\"clients\":4,"
                + "\"steps\":[{\"index\":0,\"at\":\"5s\",\"action\":\"dc-outage\",\"target\":\"dallas\"}]}"));
    state.runEvent("demo", event("{\"type\":\"phase\",\"run\":\"r1\",\"phase\":\"steps\"}"));
    state.runEvent(
        "demo", event("{\"type\":\"step-started\",\"run\":\"r1\",\"index\":0,\"at\":2000}"));
    state.runEvent("demo", event("{\"type\":\"phase\",\"run\":\"other\",\"phase\":\"settle\"}"));
    for (int i = 0; i < 25; i++) {
      state.runEvent(
          "demo", event("{\"type\":\"progress\",\"run\":\"r1\",\"line\":\"line " + i + "\"}"));
    }
    JsonNode run = json().path("scenarios").get(0).path("run");
    assertThat(run.path("id").asText()).isEqualTo("r1");
    assertThat(run.path("phase").asText()).as("another run's event is ignored").isEqualTo("steps");
    assertThat(run.path("steps").get(0).path("state").asText()).isEqualTo("active");
    assertThat(run.path("steps").get(0).path("startedAt").asLong()).isEqualTo(2000);
    assertThat(run.path("clients").path("total").asInt()).isEqualTo(4);
    assertThat(run.path("progress")).hasSize(20);
    assertThat(run.path("progress").get(19).asText()).isEqualTo("line 24");
    assertThat(state.run("demo")).contains(Map.entry("r1", 42L));

    state.runEvent("demo", event("{\"type\":\"ended\",\"run\":\"r1\",\"outcome\":\"fail\"}"));
    assertThat(json().path("scenarios").get(0).path("run").isNull()).isTrue();
    assertThat(state.run("demo")).isEmpty();
  }

  @Test
  void clientReportsCountConnectedAffectedAndWhereTheyLanded() throws Exception {
    deployDemo();
    Instant start = Instant.now().minusSeconds(10);
    state.runEvent(
        "demo",
        event(
            "{\"type\":\"started\",\"run\":\"r1\",\"at\":"
                + start.toEpochMilli()
                + ",\"steps\":[]}"));
    String before = start.minusSeconds(60).toString();
    String during = start.plusSeconds(5).toString();
    // connected all along, to Dallas
    state.clientReport(
        "demo", client("c1", "dallas", "nats://127.0.93.1:4222", ev(before, "CONNECTED")));
    // lost Dallas during the run, now on London's WAN address
    state.clientReport(
        "demo",
        client(
            "c2",
            "dallas",
            "nats://127.0.93.12:4222",
            ev(before, "CONNECTED"),
            ev(during, "DISCONNECTED"),
            ev(during, "RECONNECTED")));
    // lost during the run, still out
    state.clientReport(
        "demo", client("c3", "london", null, ev(before, "CONNECTED"), ev(during, "DISCONNECTED")));
    // lost before the run: not affected by it
    state.clientReport(
        "demo",
        client(
            "c4",
            "london",
            "127.0.93.2:4222",
            ev(before, "DISCONNECTED"),
            ev(before, "RECONNECTED")));

    JsonNode scenario = json().path("scenarios").get(0);
    JsonNode dallas = scenario.path("dcs").get(0).path("clients");
    assertThat(dallas.path("total").asInt()).isEqualTo(2);
    assertThat(dallas.path("connected").asInt()).isEqualTo(2);
    assertThat(dallas.path("byDc").path("dallas").asInt()).isEqualTo(1);
    assertThat(dallas.path("byDc").path("london").asInt()).isEqualTo(1);
    JsonNode london = scenario.path("dcs").get(1).path("clients");
    assertThat(london.path("total").asInt()).isEqualTo(2);
    assertThat(london.path("connected").asInt()).isEqualTo(1);
    JsonNode run = scenario.path("run").path("clients");
    assertThat(run.path("connected").asInt()).isEqualTo(3);
    assertThat(run.path("affected").asInt()).isEqualTo(2);
    assertThat(run.path("reconnected").asInt()).isEqualTo(1);
  }

  @Test
  void aClientSeesItsServerByNameAndANewRunForgetsTheLastRunsClients() throws Exception {
    deployDemo();
    state.runEvent("demo", event("{\"type\":\"started\",\"run\":\"r1\",\"steps\":[]}"));
    String t = Instant.now().toString();
    state.clientReport(
        "demo", client("c1", "dallas", "ws://lon-1.nats.booty:8080", ev(t, "CONNECTED")));
    JsonNode dallas = json().path("scenarios").get(0).path("dcs").get(0).path("clients");
    assertThat(dallas.path("byDc").path("london").asInt()).as(dallas.toString()).isEqualTo(1);

    state.runEvent("demo", event("{\"type\":\"started\",\"run\":\"r2\",\"steps\":[]}"));
    dallas = json().path("scenarios").get(0).path("dcs").get(0).path("clients");
    assertThat(dallas.path("total").asInt()).as(dallas.toString()).isZero();
  }

  @Test
  void wanStateComesFromTheFaultsHeld() {
    List<WanView.Link> links =
        List.of(
            new WanView.Link("dallas", "london", 70),
            new WanView.Link("dallas", "amsterdam", 80),
            new WanView.Link("london", "amsterdam", 10));
    assertThat(WanView.of(links, ledger()))
        .extracting(WanView.Wan::state)
        .containsExactly("normal", "normal", "normal");
    assertThat(
            WanView.of(
                links, ledger(fault("latency", Map.of("paths", "london~dallas", "rtt", "300ms")))))
        .extracting(WanView.Wan::state, WanView.Wan::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("slowed", "rtt 300ms"),
            org.assertj.core.groups.Tuple.tuple("normal", null),
            org.assertj.core.groups.Tuple.tuple("normal", null));
    assertThat(
            WanView.of(
                links,
                ledger(
                    fault("dc-flap", Map.of("dataCenters", "amsterdam", "down", "5s", "up", "5s")),
                    fault("dc-outage", Map.of("dataCenters", "dallas", "paths", "dallas~london")))))
        .extracting(WanView.Wan::state)
        .containsExactly("cut", "flapping", "flapping");
    assertThat(
            WanView.of(
                links,
                ledger(
                    fault("partial-outage", Map.of("paths", "london~amsterdam", "loss", "1.0")))))
        .extracting(WanView.Wan::state)
        .containsExactly("normal", "normal", "cut");
    assertThat(WanView.of(links, ledger(fault("dc-outage", Map.of("dataCenters", "dallas")))))
        .as("an outage without isolation leaves the WAN alone")
        .extracting(WanView.Wan::state)
        .containsOnly("normal");
    assertThat(WanView.faults(ledger(fault("dc-outage", Map.of("dataCenters", "dallas")))))
        .containsExactly(new WanView.Fault("f0", "dc-outage", "dallas", 99));
  }

  @Test
  void theCoalescerPushesTheFirstChangeAtOnceAndThenAtMostOncePer100Ms() throws Exception {
    List<Long> pushes = new CopyOnWriteArrayList<>();
    try (Coalescer c = new Coalescer(Duration.ofMillis(100), () -> pushes.add(System.nanoTime()))) {
      long t0 = System.nanoTime();
      c.signal();
      Thread.sleep(60);
      assertThat(pushes).as("the first change is pushed without waiting for the gap").hasSize(1);
      long end = t0 + Duration.ofMillis(500).toNanos();
      while (System.nanoTime() < end) {
        c.signal();
        Thread.sleep(2);
      }
      Thread.sleep(150);
    }
    assertThat(pushes.size()).isBetween(3, 7);
    for (int i = 1; i < pushes.size(); i++) {
      assertThat(pushes.get(i) - pushes.get(i - 1))
          .as("gap before push " + i)
          .isGreaterThanOrEqualTo(Duration.ofMillis(99).toNanos());
    }
  }

  @Test
  void anSseFrameIsOneEventWithEveryLineOfDataPrefixed() {
    assertThat(EventStream.frame("state", "{\"seq\":1}"))
        .isEqualTo("event: state\ndata: {\"seq\":1}\n\n");
    assertThat(EventStream.frame("state", "a\nb")).isEqualTo("event: state\ndata: a\ndata: b\n\n");
  }

  private static FaultLedger.State ledger(FaultLedger.Entry... faults) {
    return new FaultLedger.State(99, "test", List.of(faults));
  }

  private static FaultLedger.Entry fault(String mode, Map<String, String> record) {
    return new FaultLedger.Entry("f0", mode, record, Instant.EPOCH.toString());
  }

  private static JsonNode event(String json) throws Exception {
    return Json.MAPPER.readTree(json);
  }

  private static ClientReport.ConnectionEvent ev(String time, String type) {
    return new ClientReport.ConnectionEvent(time, type, null);
  }

  static ClientReport client(
      String id, String dc, String lastServer, ClientReport.ConnectionEvent... events) {
    return new ClientReport(
        id,
        dc,
        "s",
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        List.of(),
        List.of(),
        lastServer,
        lastServer,
        List.of(events),
        Map.of(),
        List.of(),
        dc,
        "seeds",
        "careful",
        null,
        "jvm");
  }
}

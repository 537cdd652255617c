package dev.booty.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.booty.core.client.ClientReport;
import dev.booty.core.client.ClientReport.ConnectionEvent;
import dev.booty.core.client.ClientReport.KindReport;
import dev.booty.core.client.ClientReport.LatencyInterval;
import dev.booty.core.report.RunReport;
import dev.booty.core.report.RunReport.DcImpact;
import dev.booty.core.report.RunReport.ExpectationResult;
import dev.booty.core.report.RunReport.GroupImpact;
import dev.booty.core.report.RunReport.GroupSummary;
import dev.booty.core.report.RunReport.LatencySample;
import dev.booty.core.report.RunReport.StepReport;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import dev.booty.core.scenario.Step;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JVM and browser clients in one run: a data centre's figures over both kinds, and each kind's
 * apart (reconnects, where they landed, messages, latency), and expectations that judge one kind.
 */
class ClientKindAnalysisTest {
  private static final Instant S = Instant.parse("2025-03-01T10:00:30Z");
  private static final Instant ENDED = S.plusSeconds(90);
  private static final Inventory INVENTORY = InventoryTest.londonAmsterdamDallas();
  private static final String JVM = "dallas-0-0";
  private static final String BROWSER = "dallas-browser-0-0";
  private static final String LONDON_BROWSER = "london-browser-0-0";

  /** Dallas out from S to S+30 s. */
  private static final StepRun OUTAGE =
      new StepRun(
          1,
          new Step(
              Duration.ofSeconds(30),
              "dc-outage",
              List.of("dallas"),
              Duration.ofSeconds(30),
              Map.of()),
          S,
          S.plusSeconds(30),
          List.of("dallas"),
          null,
          null,
          null);

  @TempDir Path dir;

  private static String at(double seconds) {
    return S.plusMillis(Math.round(seconds * 1000)).toString();
  }

  /** A JVM client's event: the server's client port. */
  private static ConnectionEvent tcp(double t, String type, String server) {
    return new ConnectionEvent(at(t), type, "nats://" + server + ".nats.booty:4222");
  }

  /** A browser's event: the websocket URL it used. */
  private static ConnectionEvent ws(double t, String type, String server) {
    return new ConnectionEvent(at(t), type, "ws://" + server + ".nats.booty:8080");
  }

  private static ClientReport client(
      String id,
      String dc,
      String group,
      String kind,
      Map<String, KindReport> kinds,
      List<LatencyInterval> intervals,
      ConnectionEvent... events) {
    return new ClientReport(
        id,
        dc,
        "t." + id,
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
        null,
        null,
        List.of(events),
        kinds,
        intervals,
        group,
        null,
        null,
        null,
        kind);
  }

  private static KindReport pubsub(String expected, Map<String, String> received) {
    return new KindReport("pubsub", "client", 10, 10, 0, expected, received, 0, 0, 0, 0);
  }

  /** One second's round trips, as a client encodes them. */
  private static LatencyInterval second(double at, long... micros) {
    Histogram h = new Histogram(3);
    for (long v : micros) {
      h.recordValue(v);
    }
    ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int n = h.encodeIntoCompressedByteBuffer(buf);
    return new LatencyInterval(
        S.plusMillis(Math.round(at * 1000)).getEpochSecond(),
        n,
        Base64.getEncoder().encodeToString(Arrays.copyOf(buf.array(), n)));
  }

  /**
   * A dallas JVM client of an older booty (no kind: jvm) back in london after 4.1 s, having
   * received all of the browser's messages but its last; a dallas browser back after 6.5 s that
   * lost its own last two; a london browser the outage does not touch.
   */
  private static List<ClientReport> clients() {
    return List.of(
        client(
            JVM,
            "dallas",
            null,
            null,
            Map.of("pubsub", pubsub("1-10", Map.of(JVM, "1-10", BROWSER, "1-9"))),
            List.of(second(-5, 5_000, 5_000)),
            tcp(-29, "CONNECTED", "dal-1"),
            tcp(3.2, "DISCONNECTED", "dal-1"),
            tcp(4.1, "RECONNECTED", "lon-1")),
        client(
            BROWSER,
            "dallas",
            "dallas-browser",
            ClientReport.BROWSER,
            Map.of("pubsub", pubsub("1-10", Map.of(BROWSER, "1-8", JVM, "1-10"))),
            List.of(second(-5, 40_000)),
            ws(-29, "CONNECTED", "dal-1"),
            ws(3.5, "DISCONNECTED", "dal-1"),
            ws(6.5, "RECONNECTED", "lon-2")),
        client(
            LONDON_BROWSER,
            "london",
            "london-browser",
            ClientReport.BROWSER,
            Map.of(),
            List.of(),
            ws(-29, "CONNECTED", "lon-1")));
  }

  @Test
  void eachDataCentreIsAlsoSplitByClientKindWithEachKindsOwnFigures() {
    RunAnalysis a = new RunAnalysis(INVENTORY, clients()).during(List.of(OUTAGE));
    StepReport step = a.step(OUTAGE, ENDED);

    DcImpact dallas = step.datacenters().get(1);
    assertThat(dallas.dc()).isEqualTo("dallas");
    assertThat(dallas.kind()).isNull();
    assertThat(dallas.clients()).isEqualTo(2);
    assertThat(dallas.reconnectMs().max()).isEqualTo(6500.0);

    assertThat(step.byClientKind())
        .extracting(DcImpact::dc, DcImpact::kind, DcImpact::clients, DcImpact::affected)
        .containsExactly(
            tuple("london", "browser", 1, 0),
            tuple("dallas", "jvm", 1, 1),
            tuple("dallas", "browser", 1, 1));
    DcImpact jvm = step.byClientKind().get(1);
    DcImpact browser = step.byClientKind().get(2);
    assertThat(jvm.reconnectMs().max()).isEqualTo(4100.0);
    assertThat(jvm.detectMs().p50()).isEqualTo(3200.0);
    assertThat(browser.reconnectMs().max()).isEqualTo(6500.0);
    assertThat(browser.detectMs().p50()).isEqualTo(3500.0);
    assertThat(browser.landedIn()).isEqualTo(Map.of("london", 1));
    assertThat(browser.nearest()).isEqualTo("london");
    assertThat(browser.onNearest()).isEqualTo(1);
    // each kind's latency before the step is its own clients' (browser 40 ms, jvm 5 ms; the
    // histogram reports the top of 40 ms's 32 us bucket)
    assertThat(browser.latencyBeforeMs().p99()).isEqualTo(40.03);
    assertThat(jvm.latencyBeforeMs().p99()).isEqualTo(5.0);

    assertThat(step.groups())
        .extracting(GroupImpact::group, GroupImpact::kind)
        .containsExactly(
            tuple("london-browser", "browser"),
            tuple("dallas", "jvm"),
            tuple("dallas-browser", "browser"));
    assertThat(a.clientKinds()).containsExactly("jvm", "browser");
  }

  @Test
  void messagesOfEachKindsPublishersCountWhatArrivedAnywhere() {
    RunAnalysis a = new RunAnalysis(INVENTORY, clients());
    Map<String, Map<String, RunReport.KindTotals>> byKind = a.totalsByClientKind(List.of(OUTAGE));

    assertThat(byKind).containsOnlyKeys("jvm", "browser");
    assertThat(byKind.get("jvm").get("pubsub").lost()).isZero();
    // 9 of the browser's reached the JVM client, so only its 10th is lost
    assertThat(byKind.get("browser").get("pubsub").sent()).isEqualTo(10);
    assertThat(byKind.get("browser").get("pubsub").lost()).isEqualTo(1);
    assertThat(byKind.get("browser").get("pubsub").lostInFaulted()).isEqualTo(1);
    assertThat(a.totals(List.of(OUTAGE)).get("pubsub").lost()).isEqualTo(1);

    List<GroupSummary> groups = a.groups(List.of(OUTAGE), S.minusSeconds(30), ENDED);
    assertThat(groups)
        .extracting(GroupSummary::group, GroupSummary::kind)
        .containsExactly(
            tuple("london-browser", "browser"),
            tuple("dallas", "jvm"),
            tuple("dallas-browser", "browser"));
  }

  @Test
  void connectionsAndLatencyOverTimeAreAlsoSplitByClientKind() {
    RunAnalysis a = new RunAnalysis(INVENTORY, clients());
    RunReport.ConnectionSample during = a.connections(S.plusSeconds(5), S.plusSeconds(5)).get(0);
    assertThat(during.byClientDc().get("dallas")).isEqualTo(Map.of("london", 1, "none", 1));
    assertThat(during.byClientKind().get("jvm")).isEqualTo(Map.of("dallas", Map.of("london", 1)));
    assertThat(during.byClientKind().get("browser"))
        .isEqualTo(Map.of("dallas", Map.of("none", 1), "london", Map.of("london", 1)));
    assertThat(during.byClientKind().keySet()).containsExactly("jvm", "browser");

    assertThat(a.latencyByClientKind(S.minusSeconds(60), ENDED))
        .extracting(LatencySample::dc, LatencySample::kind, LatencySample::p99Ms)
        .containsExactly(tuple("dallas", "jvm", 5.0), tuple("dallas", "browser", 40.03));
    assertThat(a.latency(S.minusSeconds(60), ENDED))
        .extracting(LatencySample::dc, LatencySample::kind, LatencySample::count)
        .containsExactly(tuple("dallas", null, 3L));
    assertThat(a.latencyAll(S.minusSeconds(60), ENDED, "browser").max()).isEqualTo(40.03);
    assertThat(a.latencyAll(S.minusSeconds(60), ENDED, "jvm").max()).isEqualTo(5.0);
    assertThat(a.latencyAll(S.minusSeconds(60), ENDED).max()).isEqualTo(40.03);
  }

  @Test
  void anExpectationWithAKindJudgesTheFiguresOfThatKindAlone() throws Exception {
    Path file = dir.resolve("kinds.yaml");
    Files.writeString(
        file,
        """
        version: 1
        name: kinds
        plugins:
          hosting: local
          cluster: nats
        datacenters:
          - name: london
          - name: amsterdam
          - name: dallas
        cluster:
          websocket: true
        clients:
          - datacenter: dallas
          - datacenter: dallas
            kind: browser
          - datacenter: london
            kind: browser
        expect:
          - metric: reconnect_max
            below: 7s
          - metric: reconnect_max
            kind: jvm
            below: 5s
          - metric: reconnect_max
            kind: browser
            below: 5s
          - metric: messages_lost
            kind: jvm
            equals: 0
          - metric: messages_lost
            kind: browser
            equals: 0
          - metric: latency_max
            kind: jvm
            below: 10ms
        """);
    Scenario scenario = ScenarioLoader.load(file);
    RunReport r =
        RunJudge.report(
            new RunJudge.Facts(
                scenario,
                INVENTORY,
                List.of(OUTAGE),
                clients(),
                S.minusSeconds(60),
                S.minusSeconds(30),
                ENDED,
                null));

    assertThat(r.expectations())
        .extracting(ExpectationResult::label, ExpectationResult::actual, ExpectationResult::holds)
        .containsExactly(
            tuple("reconnect_max", "6500ms", true),
            tuple("reconnect_max[jvm]", "4100ms", true),
            tuple("reconnect_max[browser]", "6500ms", false),
            tuple("messages_lost[jvm]", "0", true),
            tuple("messages_lost[browser]", "1", false),
            tuple("latency_max[jvm]", "5ms", true));
    assertThat(r.outcome()).isEqualTo("fail");
    assertThat(r.totalsByClientKind().get("browser").get("pubsub").lost()).isEqualTo(1);
    assertThat(r.latencyByClientKind()).extracting(LatencySample::kind).contains("browser");
    assertThat(r.groups()).extracting(GroupSummary::kind).contains("jvm", "browser");
  }

  @Test
  void anExpectationOnAKindNoClientReportedDoesNotHold() {
    List<ExpectationResult> results =
        Verdict.judge(
            List.of(
                new dev.booty.core.scenario.Expectation(
                    "clients_affected",
                    dev.booty.core.scenario.Expectation.Comparison.EQUALS,
                    "0",
                    "browser")),
            Map.of("clients_affected", 0.0),
            Map.of("jvm", Map.of("clients_affected", 0.0)));
    assertThat(results).hasSize(1);
    assertThat(results.get(0).holds()).isFalse();
    assertThat(results.get(0).actual()).isEqualTo("no browser client reported");
  }

  @Test
  void stepsOfAnOlderReportWithoutKindsAreAllJvm() {
    StepReport old =
        new StepReport(
            1,
            "dc-outage",
            List.of("dallas"),
            Map.of(),
            S.toString(),
            null,
            List.of("dallas"),
            List.of(
                new DcImpact(
                    "dallas",
                    2,
                    2,
                    RunReport.Stat.EMPTY,
                    RunReport.Stat.EMPTY,
                    Map.of(),
                    "london",
                    0,
                    0,
                    RunReport.Stat.EMPTY,
                    RunReport.Stat.EMPTY,
                    RunReport.Stat.EMPTY,
                    0,
                    0)),
            null,
            null,
            null,
            null);
    assertThat(Verdict.stepsOfKind(List.of(old), "jvm").get(0).datacenters())
        .extracting(DcImpact::affected)
        .containsExactly(2);
    assertThat(Verdict.stepsOfKind(List.of(old), "browser").get(0).datacenters()).isEmpty();
  }
}

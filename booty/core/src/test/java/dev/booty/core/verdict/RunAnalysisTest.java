package dev.booty.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.booty.core.client.ClientReport;
import dev.booty.core.client.ClientReport.ConnectionEvent;
import dev.booty.core.client.ClientReport.KindReport;
import dev.booty.core.client.ClientReport.LatencyInterval;
import dev.booty.core.report.RunReport.ConnectionSample;
import dev.booty.core.report.RunReport.DcImpact;
import dev.booty.core.report.RunReport.KindTotals;
import dev.booty.core.report.RunReport.LatencySample;
import dev.booty.core.report.RunReport.Stat;
import dev.booty.core.report.RunReport.StepReport;
import dev.booty.core.scenario.Step;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The figures of a run from its clients' reports: per step who lost its connection, how fast it
 * came back and where; messages lost and duplicated; connections and latency over time.
 */
class RunAnalysisTest {
  /** The step's start: a dallas outage from 10:00:30 to 10:01:00. */
  private static final Instant S = Instant.parse("2025-03-01T10:00:30Z");

  private static final Instant HEALED = S.plusSeconds(30);
  private static final Instant ENDED = S.plusSeconds(90);
  private static final Inventory INVENTORY = InventoryTest.londonAmsterdamDallas();

  private static final StepRun OUTAGE =
      new StepRun(
          1,
          new Step(
              Duration.ofSeconds(30),
              "dc-outage",
              List.of("dallas"),
              Duration.ofSeconds(30),
              Map.of("mode", "silent")),
          S,
          HEALED,
          List.of("dallas"),
          null,
          null,
          null);

  // ---- building clients' reports

  /** {@code seconds} after the step's start, as a client writes it. */
  private static String at(double seconds) {
    return S.plusMillis(Math.round(seconds * 1000)).toString();
  }

  private static String url(String server) {
    return "nats://" + server + ".nats.booty:4222";
  }

  private static ConnectionEvent connected(double t, String server) {
    return new ConnectionEvent(at(t), "CONNECTED", url(server));
  }

  private static ConnectionEvent reconnected(double t, String server) {
    return new ConnectionEvent(at(t), "RECONNECTED", url(server));
  }

  private static ConnectionEvent disconnected(double t, String server) {
    return new ConnectionEvent(at(t), "DISCONNECTED", url(server));
  }

  private static ConnectionEvent closed(double t, String server) {
    return new ConnectionEvent(at(t), "CLOSED", url(server));
  }

  private static ClientReport client(String id, String dc, ConnectionEvent... events) {
    return report(id, dc, List.of(events), Map.of(), List.of());
  }

  private static ClientReport report(
      String id,
      String dc,
      List<ConnectionEvent> events,
      Map<String, KindReport> kinds,
      List<LatencyInterval> intervals) {
    return new ClientReport(
        id,
        dc,
        "booty.test." + id,
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
        events,
        kinds,
        intervals,
        null,
        null,
        null,
        null,
        null);
  }

  /** The run's one dallas client, as the brief's outage saw it: a hop on dal-2, then london. */
  private static ClientReport hopsThenLandsInLondon(String id) {
    return client(
        id,
        "dallas",
        connected(-29, "dal-1"),
        disconnected(3.2, "dal-1"),
        reconnected(3.3, "dal-2"),
        disconnected(3.4, "dal-2"),
        reconnected(4.1, "lon-1"));
  }

  private static DcImpact impact(StepReport r, String dc) {
    return r.datacenters().stream().filter(d -> d.dc().equals(dc)).findFirst().orElseThrow();
  }

  private static KindReport kind(
      String kind, String scope, long sent, long errors, String expected, Map<String, String> got) {
    return new KindReport(kind, scope, sent, sent - errors, errors, expected, got, 0, 0, 0, 0);
  }

  private static KindReport kind(
      String kind,
      String scope,
      long sent,
      String expected,
      Map<String, String> got,
      long duplicated) {
    return new KindReport(kind, scope, sent, sent, 0, expected, got, duplicated, 0, 0, 0);
  }

  /** A compressed, base64-encoded HdrHistogram of microseconds, as clients send them. */
  private static String histogram(long micros, int count) {
    Histogram h = new Histogram(3);
    h.recordValueWithCount(micros, count);
    ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int n = h.encodeIntoCompressedByteBuffer(buf);
    return Base64.getEncoder().encodeToString(Arrays.copyOf(buf.array(), n));
  }

  private static LatencyInterval second(Instant second, long micros, int count) {
    return new LatencyInterval(second.getEpochSecond(), count, histogram(micros, count));
  }

  // ---- steps

  @Test
  void aClientThatHopsThroughItsDyingDataCentreLandsOnTheNearestOne() {
    RunAnalysis a =
        new RunAnalysis(
            INVENTORY,
            List.of(
                client("lon-c1", "london", connected(-29, "lon-2")),
                hopsThenLandsInLondon("dal-c1")));

    StepReport r = a.step(OUTAGE, ENDED);

    assertThat(r.index()).isEqualTo(1);
    assertThat(r.action()).isEqualTo("dc-outage");
    assertThat(r.targets()).containsExactly("dallas");
    assertThat(r.options()).containsEntry("mode", "silent");
    assertThat(r.startedAt()).isEqualTo("2025-03-01T10:00:30Z");
    assertThat(r.healedAt()).isEqualTo("2025-03-01T10:01:00Z");
    assertThat(r.faulted()).containsExactly("dallas");
    assertThat(r.error()).isNull();
    assertThat(r.datacenters()).extracting(DcImpact::dc).containsExactly("london", "dallas");
    DcImpact dallas = impact(r, "dallas");
    assertThat(dallas.clients()).isEqualTo(1);
    assertThat(dallas.affected()).isEqualTo(1);
    assertThat(dallas.detectMs()).isEqualTo(new Stat(1, 3200, 3200, 3200));
    assertThat(dallas.reconnectMs()).isEqualTo(new Stat(1, 4100, 4100, 4100));
    assertThat(dallas.landedIn()).containsExactly(Map.entry("london", 1));
    assertThat(dallas.nearest()).isEqualTo("london");
    assertThat(dallas.onNearest()).isEqualTo(1);
    assertThat(dallas.notReconnected()).isZero();
    DcImpact london = impact(r, "london");
    assertThat(london.clients()).isEqualTo(1);
    assertThat(london.affected()).isZero();
    assertThat(london.detectMs()).isEqualTo(Stat.EMPTY);
    assertThat(london.landedIn()).isEmpty();
    assertThat(london.nearest()).isEqualTo("london");
  }

  @Test
  void aReconnectionCountsWhenItHoldsTwoSecondsAndIsAHopWhenLostSooner() {
    ClientReport held =
        client(
            "dal-c1",
            "dallas",
            connected(-29, "dal-1"),
            disconnected(3.2, "dal-1"),
            reconnected(3.3, "dal-3"),
            disconnected(5.3, "dal-3"),
            reconnected(6.5, "lon-2"));
    ClientReport hopped =
        client(
            "dal-c2",
            "dallas",
            connected(-29, "dal-2"),
            disconnected(3.2, "dal-2"),
            reconnected(3.3, "dal-3"),
            disconnected(5.299, "dal-3"),
            reconnected(6.0, "ams-1"));

    StepReport r = new RunAnalysis(INVENTORY, List.of(held, hopped)).step(OUTAGE, ENDED);

    DcImpact dallas = impact(r, "dallas");
    assertThat(dallas.affected()).isEqualTo(2);
    assertThat(dallas.reconnectMs()).isEqualTo(new Stat(2, 3300, 6000, 6000));
    assertThat(dallas.landedIn())
        .containsExactly(Map.entry("amsterdam", 1), Map.entry("dallas", 1));
    assertThat(dallas.onNearest()).isZero();
  }

  @Test
  void aDataCentresClientsGiveDistributionsStrandedOnesAndDeliberateCloses() {
    ClientReport byAddress =
        client(
            "dal-c2",
            "dallas",
            connected(-29, "dal-2"),
            disconnected(3.0, "dal-2"),
            new ConnectionEvent(at(5.0), "RECONNECTED", "nats://10.0.2.1:4222"));
    ClientReport stranded =
        client("dal-c3", "dallas", connected(-29, "dal-3"), disconnected(3.5, "dal-3"));
    ClientReport scaledDown =
        client(
            "dal-c4",
            "dallas",
            connected(-29, "dal-3"),
            disconnected(1.0, "dal-3"),
            closed(1.05, "dal-3"));
    ClientReport elsewhere =
        client(
            "dal-c5",
            "dallas",
            connected(-29, "dal-1"),
            disconnected(3.1, "dal-1"),
            new ConnectionEvent(at(4.5), "RECONNECTED", "nats://tok-1.nats.booty:4222"));
    RunAnalysis a =
        new RunAnalysis(
            INVENTORY,
            List.of(hopsThenLandsInLondon("dal-c1"), byAddress, stranded, scaledDown, elsewhere));

    DcImpact dallas = impact(a.step(OUTAGE, ENDED), "dallas");

    assertThat(dallas.clients()).isEqualTo(5);
    assertThat(dallas.affected()).isEqualTo(4);
    // 3000, 3100, 3200, 3500: nearest-rank p50 is the second
    assertThat(dallas.detectMs()).isEqualTo(new Stat(4, 3100, 3500, 3500));
    // 4100, 4500, 5000
    assertThat(dallas.reconnectMs()).isEqualTo(new Stat(3, 4500, 5000, 5000));
    assertThat(dallas.landedIn())
        .containsExactly(
            Map.entry("amsterdam", 1), Map.entry("london", 1), Map.entry("unknown", 1));
    assertThat(dallas.onNearest()).isEqualTo(1);
    assertThat(dallas.notReconnected()).isEqualTo(1);
  }

  @Test
  void theNearestHealthyDataCentreSkipsEveryFaultedOne() {
    StepRun both =
        new StepRun(
            2,
            new Step(
                Duration.ofSeconds(30), "dc-outage", List.of("dallas", "london"), null, Map.of()),
            S,
            HEALED,
            List.of("dallas", "london"),
            null,
            null,
            null);
    RunAnalysis a =
        new RunAnalysis(
            INVENTORY,
            List.of(
                hopsThenLandsInLondon("dal-c1"),
                client("lon-c1", "london", connected(-29, "lon-1"))));

    StepReport r = a.step(both, ENDED);

    assertThat(impact(r, "dallas").nearest()).isEqualTo("amsterdam");
    assertThat(impact(r, "dallas").onNearest()).isZero();
    assertThat(impact(r, "dallas").landedIn()).containsExactly(Map.entry("london", 1));
    assertThat(impact(r, "london").nearest()).isEqualTo("amsterdam");
  }

  @Test
  void onlyDisconnectsFromTheStepsStartToTenSecondsAfterItsHealCount() {
    ClientReport before =
        client(
            "dal-c1",
            "dallas",
            connected(-29, "dal-1"),
            disconnected(-0.5, "dal-1"),
            reconnected(0.5, "dal-2"));
    ClientReport lastMoment =
        client(
            "dal-c2",
            "dallas",
            connected(-29, "dal-1"),
            disconnected(40, "dal-1"),
            reconnected(41, "lon-1"));
    ClientReport tooLate =
        client("dal-c3", "dallas", connected(-29, "dal-1"), disconnected(40.001, "dal-1"));
    ClientReport atTheStart =
        client(
            "dal-c4",
            "dallas",
            connected(-29, "dal-1"),
            disconnected(0, "dal-1"),
            reconnected(39.999, "lon-3"));

    DcImpact dallas =
        impact(
            new RunAnalysis(INVENTORY, List.of(before, lastMoment, tooLate, atTheStart))
                .step(OUTAGE, ENDED),
            "dallas");

    assertThat(dallas.affected()).isEqualTo(2);
    assertThat(dallas.detectMs()).isEqualTo(new Stat(2, 0, 40_000, 40_000));
    // the one lost at the window's end came back after it
    assertThat(dallas.notReconnected()).isEqualTo(1);
    assertThat(dallas.reconnectMs()).isEqualTo(new Stat(1, 39_999, 39_999, 39_999));
    assertThat(dallas.landedIn()).containsExactly(Map.entry("london", 1));
  }

  @Test
  void aStepThatNeverHealedIsMeasuredToTheRunsEnd() {
    StepRun broken =
        new StepRun(
            1,
            OUTAGE.step(),
            S,
            null,
            List.of("dallas"),
            "nomad: job local-3dc-nats-dallas: 500",
            null,
            null);
    ClientReport late =
        client(
            "dal-c1",
            "dallas",
            connected(-29, "dal-1"),
            disconnected(3.2, "dal-1"),
            reconnected(25, "lon-1"));

    StepReport r = new RunAnalysis(INVENTORY, List.of(late)).step(broken, S.plusSeconds(20));

    assertThat(r.healedAt()).isNull();
    assertThat(r.error()).isEqualTo("nomad: job local-3dc-nats-dallas: 500");
    assertThat(impact(r, "dallas").affected()).isEqualTo(1);
    assertThat(impact(r, "dallas").notReconnected()).isEqualTo(1);
    assertThat(impact(r, "dallas").reconnectMs()).isEqualTo(Stat.EMPTY);
  }

  @Test
  void reportsWithoutEventsKindsOrReadableTimesAreTolerated() {
    ClientReport bare = report("dal-c1", "dallas", null, null, null);
    ClientReport garbled =
        report(
            "dal-c2",
            "dallas",
            List.of(
                new ConnectionEvent("yesterday", "DISCONNECTED", url("dal-1")),
                disconnected(3.0, "dal-1"),
                reconnected(4.0, "lon-1")),
            Map.of(),
            List.of(new LatencyInterval(S.getEpochSecond(), 3, "not base64!")));
    RunAnalysis a = new RunAnalysis(INVENTORY, List.of(bare, garbled));

    DcImpact dallas = impact(a.step(OUTAGE, ENDED), "dallas");

    assertThat(dallas.clients()).isEqualTo(2);
    assertThat(dallas.affected()).isEqualTo(1);
    assertThat(dallas.detectMs()).isEqualTo(new Stat(1, 3000, 3000, 3000));
    assertThat(a.totals(List.of(OUTAGE))).isEmpty();
    assertThat(a.latency(S.minusSeconds(5), S.plusSeconds(5))).isEmpty();
  }

  // ---- totals

  /** Two dallas clients sharing a durable: A publishes 1-100, all acknowledged. */
  private static Map<String, KindTotals> jetstream(String aGot, String bGot, List<StepRun> steps) {
    ClientReport a =
        report(
            "dal-a",
            "dallas",
            List.of(),
            Map.of("jetstream", kind("jetstream", "dc", 100, "1-100", Map.of("dal-a", aGot), 0)),
            List.of());
    ClientReport b =
        report(
            "dal-b",
            "dallas",
            List.of(),
            Map.of("jetstream", kind("jetstream", "dc", 0, "", Map.of("dal-a", bGot), 0)),
            List.of());
    return new RunAnalysis(INVENTORY, List.of(a, b)).totals(steps);
  }

  @Test
  void whatTheClientsOfADurableReceivedIsMergedAcrossThem() {
    assertThat(jetstream("61-100", "1-60", List.of(OUTAGE)))
        .containsExactly(Map.entry("jetstream", new KindTotals("jetstream", 100, 100, 0, 0, 0, 0)));
  }

  @Test
  void aMessageNoClientOfTheDurableReceivedIsLost() {
    assertThat(jetstream("61-100", "1-54,56-60", List.of()).get("jetstream"))
        .isEqualTo(new KindTotals("jetstream", 100, 100, 1, 0, 0, 0));
    // dallas was taken out: its publisher's loss was in a faulted data centre
    assertThat(jetstream("61-100", "1-54,56-60", List.of(OUTAGE)).get("jetstream"))
        .isEqualTo(new KindTotals("jetstream", 100, 100, 1, 1, 0, 0));
  }

  @Test
  void aMessageTwoClientsReceivedIsDuplicated() {
    assertThat(jetstream("55-100", "1-60", List.of()).get("jetstream"))
        .isEqualTo(new KindTotals("jetstream", 100, 100, 0, 0, 6, 0));
  }

  @Test
  void eachKindIsTotalledByItsOwnScope() {
    ClientReport london =
        report(
            "lon-c1",
            "london",
            List.of(),
            Map.of(
                "pubsub",
                kind("pubsub", "client", 1000, 2, "1-998", Map.of("lon-c1", "1-500,502-998")),
                "request",
                kind("request", "reply", 200, 3, "", Map.of())),
            List.of());
    ClientReport dallas =
        report(
            "dal-c1",
            "dallas",
            List.of(),
            Map.of(
                "pubsub",
                kind("pubsub", "client", 500, "1-500", Map.of("dal-c1", "1-500"), 4),
                "request",
                kind("request", "reply", 100, 5, "", Map.of())),
            List.of());

    Map<String, KindTotals> t =
        new RunAnalysis(INVENTORY, List.of(london, dallas)).totals(List.of(OUTAGE));

    assertThat(t.keySet()).containsExactly("pubsub", "request");
    // london's own subject misses 501; dallas received one of its messages 4 times more
    assertThat(t.get("pubsub")).isEqualTo(new KindTotals("pubsub", 1500, 1498, 1, 0, 4, 2));
    // every request without a reply is lost; dallas's in the faulted data centre
    assertThat(t.get("request")).isEqualTo(new KindTotals("request", 300, 300, 8, 5, 0, 8));
  }

  // ---- over time

  @Test
  void connectionsPerSecondFollowEachClientsLastEvent() {
    ClientReport late = client("lon-c1", "london", connected(4.5, "lon-1"));
    RunAnalysis a = new RunAnalysis(INVENTORY, List.of(hopsThenLandsInLondon("dal-c1"), late));

    List<ConnectionSample> c = a.connections(S.plusSeconds(3), S.plusMillis(5500));

    assertThat(c)
        .extracting(ConnectionSample::second)
        .containsExactly(S.getEpochSecond() + 3, S.getEpochSecond() + 4, S.getEpochSecond() + 5);
    assertThat(c.get(0).byClientDc()).isEqualTo(Map.of("dallas", Map.of("dallas", 1)));
    assertThat(c.get(1).byClientDc()).isEqualTo(Map.of("dallas", Map.of("none", 1)));
    assertThat(c.get(2).byClientDc())
        .isEqualTo(Map.of("dallas", Map.of("london", 1), "london", Map.of("london", 1)));
  }

  @Test
  void latencyPerSecondMergesTheClientsOfADataCentre() {
    Instant quiet = S.minusSeconds(5);
    ClientReport d1 =
        report("dal-c1", "dallas", List.of(), Map.of(), List.of(second(quiet, 2000, 10)));
    ClientReport d2 =
        report("dal-c2", "dallas", List.of(), Map.of(), List.of(second(quiet, 1000, 10)));
    ClientReport l1 =
        report(
            "lon-c1",
            "london",
            List.of(),
            Map.of(),
            List.of(second(quiet, 1500, 4), second(S.plusSeconds(10), 1200, 1)));
    RunAnalysis a = new RunAnalysis(INVENTORY, List.of(l1, d1, d2));

    List<LatencySample> l = a.latency(quiet, S);

    assertThat(l)
        .containsExactly(
            new LatencySample(quiet.getEpochSecond(), "dallas", 20, 1.0, 2.0, 2.0),
            new LatencySample(quiet.getEpochSecond(), "london", 4, 1.5, 1.5, 1.5));
    assertThat(a.latency(quiet, S.plusSeconds(10))).hasSize(3);
    assertThat(a.latency(S.plusSeconds(11), ENDED)).isEmpty();
  }

  @Test
  void eachStepHasTheLatencyBeforeDuringAndAfterItForItsOwnLength() {
    ClientReport d1 =
        report(
            "dal-c1",
            "dallas",
            List.of(),
            Map.of(),
            List.of(
                second(S.minusSeconds(31), 900, 5),
                second(S.minusSeconds(5), 2000, 10),
                second(S.plusSeconds(10), 105_000, 4),
                second(S.plusSeconds(40), 1500, 2),
                second(S.plusSeconds(60), 800, 7)));
    RunAnalysis a = new RunAnalysis(INVENTORY, List.of(d1));

    DcImpact dallas = impact(a.step(OUTAGE, ENDED), "dallas");

    assertThat(dallas.latencyBeforeMs()).isEqualTo(new Stat(10, 2.0, 2.0, 2.0));
    assertThat(dallas.latencyDuringMs().count()).isEqualTo(4);
    assertThat(dallas.latencyDuringMs().p99()).isCloseTo(105.0, within(0.1));
    assertThat(dallas.latencyAfterMs()).isEqualTo(new Stat(2, 1.5, 1.5, 1.5));
    // the whole run, its last second excluded
    Stat all = a.latencyAll(S.minusSeconds(31), S.plusSeconds(60));
    assertThat(all.count()).isEqualTo(21);
    assertThat(all.p50()).isEqualTo(2.0);
    assertThat(all.max()).isCloseTo(105.0, within(0.1));
    assertThat(a.latencyAll(S, S)).isEqualTo(Stat.EMPTY);
  }

  // ---- fault timing and reconnect storms

  @Test
  void detectionCountsFromTheFaultTakingEffectAndTheInjectionDelayIsItsOwnFigure() {
    StepRun killed =
        new StepRun(
            OUTAGE.index(),
            OUTAGE.step(),
            S,
            HEALED,
            List.of("dallas"),
            null,
            S.plusMillis(2600).plusNanos(250_000),
            S.plusMillis(2630));
    RunAnalysis a = new RunAnalysis(INVENTORY, List.of(hopsThenLandsInLondon("dal-c1")));

    StepReport r = a.step(killed, ENDED);

    assertThat(r.startedAt()).isEqualTo("2025-03-01T10:00:30Z");
    assertThat(r.effectiveAt()).isEqualTo("2025-03-01T10:00:32.600250Z");
    // booty's delay runs to the last server signalled; detection counts from the first
    assertThat(r.injectionMs()).isEqualTo(2630.0);
    // the client noticed 3.2 s after the step's start: 599.75 ms after the first kill
    assertThat(impact(r, "dallas").detectMs()).isEqualTo(new Stat(1, 599.75, 599.75, 599.75));
    assertThat(impact(r, "dallas").reconnectMs()).isEqualTo(new Stat(1, 1499.75, 1499.75, 1499.75));
    // a step whose moment of effect is unknown is measured from its start, as before
    assertThat(a.step(OUTAGE, ENDED).injectionMs()).isNull();
    assertThat(impact(a.step(OUTAGE, ENDED), "dallas").detectMs().p50()).isEqualTo(3200);
  }

  @Test
  void reconnectionsAreCountedPerDataCentreWithTheMostOfOneClient() {
    ClientReport stormy =
        client(
            "dal-c1",
            "dallas",
            connected(-29, "dal-1"),
            disconnected(1, "dal-1"),
            reconnected(1.5, "dal-2"),
            disconnected(6, "dal-2"),
            reconnected(6.5, "dal-1"),
            disconnected(11, "dal-1"),
            reconnected(11.5, "dal-3"));
    ClientReport once =
        client(
            "dal-c2",
            "dallas",
            connected(-29, "dal-2"),
            reconnected(-10, "dal-2"),
            disconnected(6, "dal-2"),
            reconnected(6.5, "dal-3"));
    RunAnalysis a =
        new RunAnalysis(
            INVENTORY, List.of(stormy, once, client("lon-c1", "london", connected(-29, "lon-1"))));

    StepReport r = a.step(OUTAGE, ENDED);

    assertThat(impact(r, "dallas").reconnects()).isEqualTo(4);
    assertThat(impact(r, "dallas").maxReconnects()).isEqualTo(3);
    assertThat(impact(r, "london").reconnects()).isZero();
    assertThat(impact(r, "london").maxReconnects()).isZero();
  }
}

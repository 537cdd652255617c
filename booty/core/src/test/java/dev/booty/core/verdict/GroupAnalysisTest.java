package dev.booty.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.client.ClientReport;
import dev.booty.core.client.ClientReport.ConnectionEvent;
import dev.booty.core.client.ClientReport.DnsAnswer;
import dev.booty.core.client.ClientReport.DnsReport;
import dev.booty.core.client.ClientReport.KindReport;
import dev.booty.core.report.RunReport.GroupImpact;
import dev.booty.core.report.RunReport.GroupSummary;
import dev.booty.core.report.RunReport.Stat;
import dev.booty.core.report.RunReport.StepReport;
import dev.booty.core.scenario.Expectation;
import dev.booty.core.scenario.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Several client groups in one data centre (careful seeds beside library-default dns): each step's
 * figures per group, side by side, the data centre's figures over all of them, clients that start
 * during an outage, and what dns clients saw of their name.
 */
class GroupAnalysisTest {
  private static final Instant S = Instant.parse("2025-03-01T10:00:30Z");
  private static final Instant ENDED = S.plusSeconds(90);
  private static final Inventory INVENTORY = InventoryTest.londonAmsterdamDallas();
  private static final String DNS_GROUP = "dallas-dns-library-default";

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

  private static String at(double seconds) {
    return S.plusMillis(Math.round(seconds * 1000)).toString();
  }

  private static ConnectionEvent event(double t, String type, String server) {
    return new ConnectionEvent(at(t), type, "nats://" + server + ".nats.booty:4222");
  }

  private static ClientReport client(
      String id,
      String group,
      DnsReport dns,
      Map<String, KindReport> kinds,
      ConnectionEvent... events) {
    boolean careful = group.equals("dallas");
    return new ClientReport(
        id,
        "dallas",
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
        List.of(),
        group,
        careful ? "seeds" : "dns",
        careful ? "careful" : "library-default",
        dns,
        null);
  }

  /** A dns client's name: dallas and london servers until {@code changeAt}, then london alone. */
  private static DnsReport dns(Double changeAt, List<Double> resolveMs) {
    List<DnsAnswer> answers =
        changeAt == null
            ? List.of(new DnsAnswer(at(-29), List.of("10.0.1.1", "10.0.3.1")))
            : List.of(
                new DnsAnswer(at(-29), List.of("10.0.1.1", "10.0.3.1")),
                new DnsAnswer(at(changeAt), List.of("10.0.1.1")));
    return new DnsReport("nats.local-3dc.booty.test", resolveMs, 0, answers);
  }

  private static KindReport pubsub(long sent, String expected, String received, String self) {
    return new KindReport(
        "pubsub", "client", sent, sent, 0, expected, Map.of(self, received), 0, 0, 0, 0);
  }

  private static List<ClientReport> clients() {
    return List.of(
        // careful seeds: hops within dallas, lands in london (the nearest healthy)
        client(
            "dallas-0-0",
            "dallas",
            null,
            Map.of("pubsub", pubsub(10, "1-10", "1-10", "dallas-0-0")),
            event(-29, "CONNECTED", "dal-1"),
            event(3.2, "DISCONNECTED", "dal-1"),
            event(3.3, "RECONNECTED", "dal-2"),
            event(3.4, "DISCONNECTED", "dal-2"),
            event(4.1, "RECONNECTED", "lon-1")),
        // library-default dns: slower, lands in amsterdam; its answer drops dallas at 12.5 s
        client(
            DNS_GROUP + "-0-0",
            DNS_GROUP,
            dns(12.5, List.of(1.0, 2.0, 40.0)),
            Map.of("pubsub", pubsub(10, "1-10", "1-7", DNS_GROUP + "-0-0")),
            event(-29, "CONNECTED", "dal-1"),
            event(3.2, "DISCONNECTED", "dal-1"),
            event(9.0, "RECONNECTED", "ams-1")),
        // starts during the outage and connects to amsterdam: not the nearest healthy (london)
        client(
            DNS_GROUP + "-0-1",
            DNS_GROUP,
            dns(12.5, List.of(3.0)),
            Map.of(),
            event(5.0, "CONNECTED", "ams-2")));
  }

  @Test
  void eachGroupOfADataCentreHasItsOwnFiguresAndTheDataCentreAllOfThem() {
    RunAnalysis a = new RunAnalysis(INVENTORY, clients());
    StepReport step = a.step(OUTAGE, ENDED);

    assertThat(step.datacenters()).hasSize(1);
    assertThat(step.datacenters().getFirst().clients()).isEqualTo(3);
    assertThat(step.datacenters().getFirst().affected()).isEqualTo(2);

    assertThat(step.groups()).extracting(GroupImpact::group).containsExactly("dallas", DNS_GROUP);
    GroupImpact careful = step.groups().get(0);
    assertThat(careful.profile()).isEqualTo("careful");
    assertThat(careful.affected()).isEqualTo(1);
    assertThat(careful.reconnectMs().p99()).isEqualTo(4100.0);
    assertThat(careful.landedIn()).containsExactly(Map.entry("london", 1));
    assertThat(careful.newClients()).isZero();
    assertThat(careful.dnsAnswerChangeMs()).isEqualTo(Stat.EMPTY);

    GroupImpact dns = step.groups().get(1);
    assertThat(dns.bootstrap()).isEqualTo("dns");
    assertThat(dns.clients()).isEqualTo(2);
    assertThat(dns.affected()).isEqualTo(1);
    assertThat(dns.reconnectMs().p99()).isEqualTo(9000.0);
    assertThat(dns.landedIn()).containsExactly(Map.entry("amsterdam", 1));
    assertThat(dns.onNearest()).isZero();
    assertThat(dns.newClients()).isEqualTo(1);
    assertThat(dns.newOffNearest()).isEqualTo(1);
    assertThat(dns.dnsAnswerChangeMs().count()).isEqualTo(2);
    assertThat(dns.dnsAnswerChangeMs().max()).isEqualTo(12500.0);
    assertThat(dns.dnsUnchanged()).isZero();
  }

  @Test
  void aNewClientDuringTwoStepsIsJudgedAgainstEveryFaultInForce() {
    // client-scale from 2 s to 20 s, inside the outage of dallas: it takes out nothing itself
    StepRun scale =
        new StepRun(
            2,
            new Step(
                Duration.ofSeconds(32),
                "client-scale",
                List.of("dallas"),
                Duration.ofSeconds(18),
                Map.of("count", "10")),
            S.plusSeconds(2),
            S.plusSeconds(20),
            List.of(),
            null,
            S.plusSeconds(2),
            S.plusSeconds(2));
    List<ClientReport> all = new java.util.ArrayList<>(clients());
    all.add(
        client(
            DNS_GROUP + "-1-0",
            DNS_GROUP,
            dns(12.5, List.of(2.0)),
            Map.of(),
            event(6.0, "CONNECTED", "lon-1")));
    RunAnalysis a = new RunAnalysis(INVENTORY, all).during(List.of(OUTAGE, scale));

    GroupImpact dns = a.step(scale, ENDED).groups().get(1);
    // both started while dallas was out: london was the nearest healthy, amsterdam was not
    assertThat(dns.newClients()).isEqualTo(2);
    assertThat(dns.newOffNearest()).isEqualTo(1);
    // without the timeline the scale step alone would call dallas the nearest: both off
    GroupImpact alone = new RunAnalysis(INVENTORY, all).step(scale, ENDED).groups().get(1);
    assertThat(alone.newOffNearest()).isEqualTo(2);
  }

  @Test
  void groupTotalsCountTheirOwnPublishersAndDnsResolutionIsPerGroup() {
    RunAnalysis a = new RunAnalysis(INVENTORY, clients());
    List<GroupSummary> groups = a.groups(List.of(OUTAGE), S.minusSeconds(30), ENDED);

    assertThat(groups).extracting(GroupSummary::group).containsExactly("dallas", DNS_GROUP);
    assertThat(groups.get(0).totals().get("pubsub").lost()).isZero();
    assertThat(groups.get(1).totals().get("pubsub").lost()).isEqualTo(3);
    assertThat(a.totals(List.of(OUTAGE)).get("pubsub").lost()).isEqualTo(3);
    assertThat(groups.get(0).dnsResolveMs()).isEqualTo(Stat.EMPTY);
    assertThat(groups.get(1).dnsResolveMs().count()).isEqualTo(4);
    assertThat(groups.get(1).dnsResolveMs().p99()).isEqualTo(40.0);
  }

  @Test
  void theNewMetricsComeFromTheGroupsAndAnAnswerThatNeverChangedReadsNever() {
    RunAnalysis a = new RunAnalysis(INVENTORY, clients());
    StepReport step = a.step(OUTAGE, ENDED);
    List<GroupSummary> groups = a.groups(List.of(OUTAGE), S.minusSeconds(30), ENDED);
    Map<String, Double> m =
        Verdict.measure(List.of(step), a.totals(List.of(OUTAGE)), a.latencyAll(S, ENDED), groups);
    assertThat(m)
        .containsEntry("new_clients_off_nearest", 1.0)
        .containsEntry("dns_resolve_p99", 40.0)
        .containsEntry("dns_answer_change_ms", 12500.0)
        .containsEntry("clients_off_nearest", 1.0);
    assertThat(
            Verdict.judge(
                    List.of(
                        new Expectation(
                            "dns_answer_change_ms", Expectation.Comparison.BELOW, "15s")),
                    m)
                .getFirst()
                .actual())
        .isEqualTo("12500ms");

    ClientReport stuck =
        client(
            DNS_GROUP + "-1-0",
            DNS_GROUP,
            dns(null, List.of(2.0)),
            Map.of(),
            event(-29, "CONNECTED", "lon-1"));
    List<ClientReport> all = new java.util.ArrayList<>(clients());
    all.add(stuck);
    RunAnalysis b = new RunAnalysis(INVENTORY, all);
    StepReport s2 = b.step(OUTAGE, ENDED);
    assertThat(s2.groups().get(1).dnsUnchanged()).isEqualTo(1);
    Map<String, Double> m2 =
        Verdict.measure(List.of(s2), b.totals(List.of(OUTAGE)), b.latencyAll(S, ENDED), List.of());
    var result =
        Verdict.judge(
                List.of(
                    new Expectation("dns_answer_change_ms", Expectation.Comparison.BELOW, "15s")),
                m2)
            .getFirst();
    assertThat(result.holds()).isFalse();
    assertThat(result.actual()).isEqualTo("never");
  }
}

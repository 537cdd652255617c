package dev.booty.dev.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.BootyException;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import dev.booty.core.util.Json;
import dev.booty.dev.bench.BackChannelBenchmark.Figures;
import dev.booty.dev.bench.DnsBenchmark.Latency;
import dev.booty.dev.bench.DnsBenchmark.Result;
import dev.booty.dev.bench.DnsBenchmark.Round;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bench dns's choices and figures, and how they are printed, without running the benchmark. */
class DnsFiguresTest {
  static final Path REFERENCE = Path.of("../scenarios/dns-dc-outage.yaml");

  @Test
  void theVictimIsTheDataCentreFarthestFromTheOthers() {
    Scenario s = ScenarioLoader.load(REFERENCE);
    assertThat(DnsBenchmark.check(s, null)).isEqualTo("dallas");
    assertThat(DnsBenchmark.check(s, "london")).isEqualTo("london");
    assertThatThrownBy(() -> DnsBenchmark.check(s, "paris"))
        .isInstanceOf(BootyException.class)
        .hasMessageContaining("--victim")
        .hasMessageContaining("no data centre paris (it has london, amsterdam, dallas)");
    Map<String, Integer> rtt = Map.of("a|b", 10, "a|c", 50, "b|c", 45);
    assertThat(
            DnsBenchmark.farthest(
                List.of("a", "b", "c"),
                (x, y) -> Duration.ofMillis(rtt.getOrDefault(x + "|" + y, rtt.get(y + "|" + x)))))
        .isEqualTo("c");
    // a tie: the first in the scenario's order
    assertThat(DnsBenchmark.farthest(List.of("x", "y"), (x, y) -> Duration.ofMillis(5)))
        .isEqualTo("x");
  }

  @Test
  void aScenarioWithoutPowerDnsIsBadUsage() {
    Scenario s = ScenarioLoader.load(Path.of("../scenarios/local-3dc.yaml"));
    assertThatThrownBy(() -> DnsBenchmark.check(s, null))
        .isInstanceOf(BootyException.class)
        .hasMessageContaining("plugins.dns must be powerdns");
  }

  @Test
  void anAnswerMovedAwayNamesServersButNoVictim() {
    List<String> dallas = List.of("127.89.3.11", "127.89.3.12");
    assertThat(DnsBenchmark.movedAway(List.of("127.89.3.100"), dallas)).isTrue();
    assertThat(DnsBenchmark.movedAway(List.of("127.89.3.100", "127.89.3.12"), dallas)).isFalse();
    assertThat(DnsBenchmark.movedAway(List.of(), dallas)).as("no answer is no failover").isFalse();
    assertThat(DnsBenchmark.bound(Duration.ofSeconds(5), Duration.ofSeconds(2)))
        .isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void thePlanGivesEachDnsServerAndWhoseServerEachAddressIs() throws Exception {
    JsonNode plan =
        Json.MAPPER.readTree(
            """
            {"dataCentres": [
               {"name": "london", "hosted": {"attributes": {"dns.address": "127.89.1.2"}}},
               {"name": "dallas", "hosted": {"attributes": {"dns.address": "127.89.3.2"}}}],
             "endpoints": [
               {"hostName": "lon-1", "dataCenter": "london", "address": "127.89.1.11"},
               {"hostName": "dal-2", "dataCenter": "dallas", "address": "127.89.3.12"},
               {"hostName": "dal-1", "dataCenter": "dallas", "address": "127.89.3.11"}],
             "names": {"dallas": {"lon-1": "127.89.3.100", "dal-1": "127.89.3.11"}}}
            """);
    assertThat(DnsBenchmark.dnsServers(plan))
        .containsExactly(Map.entry("london", "127.89.1.2"), Map.entry("dallas", "127.89.3.2"));
    Map<String, String> owners = DnsBenchmark.owners(plan, "dallas");
    assertThat(owners)
        .containsEntry("127.89.3.100", "london")
        .containsEntry("127.89.3.12", "dallas")
        .doesNotContainKey("127.89.1.11");
    assertThat(DnsBenchmark.addressesOf(owners, "dallas"))
        .containsExactly("127.89.3.11", "127.89.3.12");
    assertThat(DnsBenchmark.dcsOf(List.of("127.89.3.100", "127.9.9.9"), owners))
        .containsExactly("?127.9.9.9", "london");
    assertThatThrownBy(
            () ->
                DnsBenchmark.dnsServers(
                    Json.MAPPER.readTree("{\"dataCentres\":[{\"name\":\"x\"}]}")))
        .hasMessageContaining("no DNS server (hosted.attributes.dns.address) for data centre x");
  }

  @Test
  void reportPrintsLatencyRoundsAndTheBound() throws Exception {
    Scenario s = ScenarioLoader.load(REFERENCE);
    Result r =
        new Result(
            s,
            "nats.bench-dns.booty.test",
            Duration.ofSeconds(5),
            Duration.ofSeconds(2),
            List.of(
                new Latency(
                    "london",
                    "127.89.1.2",
                    new Figures(4, List.of(2.0, 1.0, 3.0, 9.0)),
                    List.of("127.89.1.11", "127.89.1.12")),
                new Latency("dallas", "127.89.3.2", new Figures(2, List.of(1.5)), List.of())),
            "dallas",
            List.of("127.89.3.11", "127.89.3.12", "127.89.3.13"),
            List.of(
                new Round(2500.0, List.of("london"), 3000.0),
                new Round(8500.0, List.of("london"), 1000.0),
                new Round(null, List.of(), 10.0)));
    assertThat(r.bound()).isEqualTo(Duration.ofSeconds(8));
    assertThat(r.complete()).as("dallas missed a query, round 3 never failed over").isFalse();
    assertThat(r.withinBound()).isFalse();
    assertThat(r.figures(true).millis()).containsExactly(2500.0, 8500.0);
    assertThat(DnsReport.median(r.figures(true))).isEqualTo(5500.0);
    assertThat(DnsReport.median(r.figures(false))).isEqualTo(1000.0);

    String text = print(new DnsReport(Path.of("scenarios/dns-dc-outage.yaml"), r), false);
    assertThat(text)
        .contains(
            "bench dns: scenarios/dns-dc-outage.yaml as local-3dc on 127.89.0.0/16,"
                + " nats.bench-dns.booty.test (ttl 5 s, check every 2 s)")
        .containsPattern(
            "london +127.89.1.2 +4/4 +2.00 ms +9.00 ms +9.00 ms +127.89.1.11 127.89.1.12")
        .containsPattern("dallas +127.89.3.2 +1/2 +1.50 ms +1.50 ms +1.50 ms +none")
        .contains("dallas's 3 servers frozen (SIGSTOP)", "bound ttl + check + 1 s = 8000 ms")
        .containsPattern("1 +2500.00 ms +london +yes +3000.00 ms")
        .containsPattern("2 +8500.00 ms +london +no +1000.00 ms")
        .containsPattern("3 +not seen +- +no +10.00 ms")
        .containsPattern("failover +2500.00 ms +5500.00 ms +8500.00 ms +2/3")
        .containsPattern("back after thaw +10.00 ms +1000.00 ms +3000.00 ms +3/3")
        .contains("every failover within 8000 ms: no (3 round(s))");

    Result good =
        new Result(
            s,
            "nats.bench-dns.booty.test",
            Duration.ofSeconds(5),
            Duration.ofSeconds(2),
            List.of(),
            "dallas",
            List.of("127.89.3.11"),
            List.of(new Round(8000.0, List.of("london"), 500.0)));
    assertThat(good.withinBound()).as("the bound itself is within").isTrue();
    assertThat(good.complete()).isTrue();
    assertThat(print(new DnsReport(Path.of("x.yaml"), good), true))
        .contains("\"boundMillis\" : 8000", "\"victim\" : \"dallas\"")
        .contains("\"failoverMillis\" : 8000.0", "\"answers\" : [ \"london\" ]")
        .contains("\"withinBound\" : true", "\"complete\" : true");
  }

  private static String print(Report report, boolean json) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      report.write(o, json);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}

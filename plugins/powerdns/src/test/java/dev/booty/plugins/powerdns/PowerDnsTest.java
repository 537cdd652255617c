package dev.booty.plugins.powerdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.DnsProvider.DnsPlan;
import dev.booty.api.DnsProvider.DnsZone;
import dev.booty.api.DnsProvider.Target;
import dev.booty.api.DnsProvider.Tier;
import dev.booty.api.DnsProvider.View;
import dev.booty.api.NomadJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PowerDnsTest {
  private static final Path BINARY =
      Path.of("/home/u/.booty/components/pdns-server/4.7.3/bin/pdns_server");
  private static final List<String> DCS = List.of("london", "amsterdam", "dallas");

  @TempDir Path tmp;

  private static Tier tier(int dc, String viewer) {
    List<Target> targets = new ArrayList<>();
    for (int k = 1; k <= 2; k++) {
      String address = "127.77." + dc + "." + (10 + k);
      targets.add(
          new Target(
              DCS.get(dc - 1).substring(0, 3) + "-" + k,
              address,
              4222,
              "http://" + address + ":8222/healthz"));
    }
    return new Tier(DCS.get(dc - 1), targets);
  }

  /** london sees itself, then amsterdam, then dallas; amsterdam itself, london, dallas. */
  static DnsZone zone(Map<String, String> attributesOfLondon) {
    View london =
        new View(
            "london",
            "london",
            attributesOfLondon,
            List.of(tier(1, "london"), tier(2, "london"), tier(3, "london")));
    View amsterdam =
        new View(
            "amsterdam",
            "amsterdam",
            Map.of("dns.address", "127.77.2.2"),
            List.of(tier(2, "amsterdam"), tier(1, "amsterdam"), tier(3, "amsterdam")));
    return new DnsZone(
        "local-3dc.booty.test",
        "nats",
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Map.of(),
        List.of(london, amsterdam));
  }

  private final DnsZone zone = zone(Map.of("dns.address", "127.77.1.2", "host", "127.77.1.1"));

  @Test
  void theLuaRecordTriesEachTierInOrderAtOneUrlOnTheTargetsPortAndPath() {
    assertThat(ZoneFiles.lua(zone, zone.views().getFirst()))
        .isEqualTo(
            "ifurlup('http://nats.local-3dc.booty.test:8222/healthz', "
                + "{{'127.77.1.11', '127.77.1.12'}, {'127.77.2.11', '127.77.2.12'},"
                + " {'127.77.3.11', '127.77.3.12'}}, {selector='all', timeout=3})");
    assertThat(ZoneFiles.checkTimeout(Duration.ofSeconds(2))).isEqualTo(1);
    assertThat(ZoneFiles.checkTimeout(Duration.ofSeconds(10))).isEqualTo(3);
  }

  @Test
  void theZoneFileHasSoaNsAndTheNameAsALuaRecordWithTheTtl() {
    String file = ZoneFiles.zone(zone, zone.views().get(1));
    assertThat(file.lines().filter(l -> !l.startsWith(";")).toList())
        .containsExactly(
            "$ORIGIN local-3dc.booty.test.",
            "$TTL 30",
            "@ IN SOA ns.local-3dc.booty.test. hostmaster.local-3dc.booty.test. 1 3600 600 86400 30",
            "@ IN NS ns.local-3dc.booty.test.",
            "ns IN A 127.77.2.2",
            "nats 30 IN LUA A \"" + ZoneFiles.lua(zone, zone.views().get(1)) + "\"");
    assertThat(file).contains("{{'127.77.2.11', '127.77.2.12'}, {'127.77.1.11'");
  }

  @Test
  void theConfigBindsTheDcsDnsAddressWithTheCheckIntervalAndNoAnswerCache() {
    String conf =
        ZoneFiles.pdnsConf(
            zone, zone.views().getFirst(), ZoneFiles.Settings.of(Map.of()), "k3y", "/d");
    assertThat(conf.lines())
        .contains(
            "launch=bind",
            "bind-config=/d/named.conf",
            "local-address=127.77.1.2",
            "local-port=53",
            "enable-lua-records=yes",
            "lua-health-checks-interval=10",
            "cache-ttl=0",
            "query-cache-ttl=0",
            "api-key=k3y",
            "webserver-address=127.77.1.2",
            "webserver-port=8081");
    assertThat(ZoneFiles.namedConf(zone, "/d"))
        .isEqualTo("zone \"local-3dc.booty.test\" { type master; file \"/d/zone.db\"; };\n");
  }

  @Test
  void planHasOneJobPerDataCentreAndARecordLineEach() {
    DnsPlan plan = new PowerDns().plan(zone, new FakeContext(BINARY, tmp));

    assertThat(plan.records())
        .containsExactly(
            "london: nats.local-3dc.booty.test A -> first healthy of [london: 127.77.1.11"
                + " 127.77.1.12] [amsterdam: 127.77.2.11 127.77.2.12] [dallas: 127.77.3.11"
                + " 127.77.3.12] ttl 30s check 10s",
            "amsterdam: nats.local-3dc.booty.test A -> first healthy of [amsterdam: 127.77.2.11"
                + " 127.77.2.12] [london: 127.77.1.11 127.77.1.12] [dallas: 127.77.3.11"
                + " 127.77.3.12] ttl 30s check 10s");
    assertThat(plan.calls()).isEmpty();
    assertThat(plan.data()).isEmpty();
    assertThat(plan.jobs())
        .extracting(NomadJob::id)
        .containsExactly("local-3dc-dns-london", "local-3dc-dns-amsterdam");
    NomadJob ams = plan.jobs().get(1);
    assertThat(ams.hcl()).contains("job \"powerdns\"").contains("variable \"zone\"");
    assertThat(ams.variables())
        .containsEntry("data_center", "amsterdam")
        .containsEntry("dc", "amsterdam")
        .containsEntry("service", "local-3dc-dns")
        .containsEntry("address", "127.77.2.2")
        .containsEntry("ports", "{dns = 53, api = 8081}")
        .containsEntry("binary", BINARY.toString())
        .containsEntry("zone_name", "local-3dc.booty.test")
        .containsEntry("zone", ZoneFiles.zone(zone, zone.views().get(1)));
    assertThat(ams.variables().get("config"))
        .contains("bind-config={{ env \"NOMAD_TASK_DIR\" }}/named.conf")
        .contains("api-key=" + ams.variables().get("api_key"));
    // the zone is served from the plugin's folder for the data centre, which its chaos rewrites
    assertThat(ams.variables())
        .containsEntry("state_dir", tmp.resolve("amsterdam").toString())
        .containsEntry(
            "named",
            "zone \"local-3dc.booty.test\" { type master; file \""
                + tmp.resolve("amsterdam")
                + "/zone.db\"; };\n");
    assertThat(ams.hcl()).contains("--socket-dir=\\\"$1\\\"").contains("var.state_dir");
    // the same zone renders the same jobs: booty leaves an unchanged job alone
    assertThat(new PowerDns().plan(zone, new FakeContext(BINARY, tmp)).jobs())
        .isEqualTo(plan.jobs());
  }

  @Test
  void publishAnswersEachDcsOwnServerAndWithdrawStopsWhatItMade() {
    FakeContext ctx = new FakeContext(BINARY, tmp.resolve("work"));
    PowerDns dns = new PowerDns();
    DnsPlan plan = dns.plan(zone, ctx);

    assertThat(dns.publish(plan, ctx))
        .containsExactly(
            Map.entry("london", List.of("127.77.1.2")),
            Map.entry("amsterdam", List.of("127.77.2.2")));
    dns.withdraw("local-3dc.booty.test", ctx);
    assertThat(ctx.stopped).containsExactly("local-3dc-dns-london", "local-3dc-dns-amsterdam");
    dns.withdraw("local-3dc.booty.test", ctx);
    assertThat(ctx.stopped).hasSize(2);
  }

  @Test
  void badInputIsNamed() {
    assertThatThrownBy(
            () ->
                new PowerDns()
                    .plan(zone(Map.of("host", "127.77.1.1")), new FakeContext(BINARY, tmp)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("data centre london has no dns.address attribute");
    assertThatThrownBy(() -> new PowerDns().plan(zone, new FakeContext(null, tmp)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("pdns-server is not installed; run 'booty install pdns-server'");
    View mixed =
        new View(
            "london",
            "london",
            Map.of("dns.address", "127.77.1.2"),
            List.of(
                new Tier(
                    "london",
                    List.of(
                        new Target("lon-1", "127.77.1.11", 4222, "http://127.77.1.11:8222/healthz"),
                        new Target(
                            "lon-2", "127.77.1.12", 4222, "http://127.77.1.12:9999/healthz")))));
    assertThatThrownBy(() -> ZoneFiles.checkUrl(zone, mixed))
        .hasMessageContaining("server lon-2's health URL http://127.77.1.12:9999/healthz differs");
  }

  @Test
  void aDnsAddressSomethingElseHoldsIsRefusedBeforeAnythingIsDeployed() throws Exception {
    try (java.net.DatagramSocket held =
        new java.net.DatagramSocket(new java.net.InetSocketAddress("127.97.0.99", 5354))) {
      DnsZone taken =
          new DnsZone(
              zone.zone(),
              zone.name(),
              zone.ttl(),
              zone.checkInterval(),
              Map.of("port", "5354"),
              List.of(
                  new View(
                      "london",
                      "london",
                      Map.of("dns.address", "127.97.0.99"),
                      zone.views().getFirst().tiers())));
      assertThatThrownBy(() -> new PowerDns().plan(taken, new FakeContext(BINARY, tmp)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("data centre london: PowerDNS cannot bind 127.97.0.99:5354 (UDP");
    }
    assertThat(PowerDns.busy("127.97.0.99", 5354)).isNull();
  }
}

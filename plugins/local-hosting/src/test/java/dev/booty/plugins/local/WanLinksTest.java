package dev.booty.plugins.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.booty.api.WanEmulation.Endpoint;
import dev.booty.api.WanEmulation.Link;
import dev.booty.plugins.local.WanLinks.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WanLinksTest {
  private static final int GATEWAY = 7222;
  private static final int CLIENT = 4222;
  private static final Addressing ADDRESSING = Addressing.of("127.77");

  /** london #1, amsterdam #2, dallas #3. */
  private static final Map<String, Integer> DCS = dcs("london", 1, "amsterdam", 2, "dallas", 3);

  /** One pair written each way round: the lookup must not care. */
  private static final List<Link> LINKS =
      List.of(
          new Link("london", "amsterdam", Duration.ofMillis(8)),
          new Link("dallas", "london", Duration.ofMillis(105)),
          new Link("amsterdam", "dallas", Duration.ofMillis(115)));

  private static final List<Endpoint> ENDPOINTS = endpoints();

  private static Map<String, Integer> dcs(Object... nameIndex) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < nameIndex.length; i += 2) {
      m.put((String) nameIndex[i], (Integer) nameIndex[i + 1]);
    }
    return m;
  }

  /** Three servers per data centre, each with a gateway and a client port. */
  private static List<Endpoint> endpoints() {
    List<Endpoint> out = new ArrayList<>();
    DCS.forEach(
        (dc, index) -> {
          for (int k = 1; k <= 3; k++) {
            out.add(
                new Endpoint(
                    dc.substring(0, 3) + "-" + k + ".nats.booty",
                    dc,
                    ADDRESSING.server(index, k),
                    List.of(GATEWAY, CLIENT)));
          }
        });
    return List.copyOf(out);
  }

  private static Endpoint endpoint(String hostName) {
    return ENDPOINTS.stream().filter(e -> e.hostName().equals(hostName)).findFirst().orElseThrow();
  }

  private static String host(String hostPort) {
    return hostPort.substring(0, hostPort.lastIndexOf(':'));
  }

  private static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  @Test
  void oneProxyPerOtherDataCentreEndpointAndPort() {
    WanLinks.Plan plan = WanLinks.plan(ADDRESSING, DCS, ENDPOINTS, LINKS);

    // 3 source DCs x 6 endpoints in the other two DCs x 2 ports
    assertThat(plan.proxies()).hasSize(36);
    Set<String> wanted = new HashSet<>();
    for (String source : DCS.keySet()) {
      for (Endpoint e : ENDPOINTS) {
        if (!e.dataCenter().equals(source)) {
          for (int p : e.ports()) {
            wanted.add(source + "--" + e.hostName() + "--" + p);
          }
        }
      }
    }
    assertThat(plan.proxies()).extracting(Proxy::name).containsExactlyInAnyOrderElementsOf(wanted);
  }

  @Test
  void aProxyListensOnTheSourceBlockAndForwardsToTheRealAddressWithThePairsRtt() {
    WanLinks.Plan plan = WanLinks.plan(ADDRESSING, DCS, ENDPOINTS, LINKS);

    for (Proxy p : plan.proxies()) {
      String[] parts = p.name().split("--");
      String source = parts[0];
      Endpoint e = endpoint(parts[1]);
      int port = Integer.parseInt(parts[2]);
      assertThat(e.dataCenter()).as(p.name()).isNotEqualTo(source);
      assertThat(p.listen()).as(p.name()).startsWith("127.77." + DCS.get(source) + ".");
      int last =
          Integer.parseInt(host(p.listen()).substring(host(p.listen()).lastIndexOf('.') + 1));
      assertThat(last).as(p.name() + " listens on a link end").isGreaterThanOrEqualTo(100);
      assertThat(port(p.listen())).as(p.name()).isEqualTo(port);
      assertThat(p.upstream()).as(p.name()).isEqualTo(e.address() + ":" + port);
    }
    assertThat(plan.proxies())
        .filteredOn(p -> p.name().equals("london--dal-2.nats.booty--7222"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.listen()).startsWith("127.77.1.1").endsWith(":7222");
              assertThat(p.upstream()).isEqualTo("127.77.3.12:7222");
              assertThat(p.latency()).isEqualTo(Duration.ofMillis(105));
            });
  }

  @Test
  void theLatencyIsThePairsRttWhicheverWayTheLinkIsWritten() {
    WanLinks.Plan plan = WanLinks.plan(ADDRESSING, DCS, ENDPOINTS, LINKS);

    for (Proxy p : plan.proxies()) {
      String source = p.name().split("--")[0];
      String target = endpoint(p.name().split("--")[1]).dataCenter();
      Set<String> pair = Set.of(source, target);
      Duration expected =
          pair.equals(Set.of("london", "amsterdam"))
              ? Duration.ofMillis(8)
              : pair.equals(Set.of("london", "dallas"))
                  ? Duration.ofMillis(105)
                  : Duration.ofMillis(115);
      assertThat(p.latency()).as(p.name()).isEqualTo(expected);
    }
    assertThat(WanLinks.rtt(LINKS, "london", "dallas")).isEqualTo(Duration.ofMillis(105));
    assertThat(WanLinks.rtt(LINKS, "dallas", "london")).isEqualTo(Duration.ofMillis(105));
    assertThat(WanLinks.rtt(LINKS, "london", "tokyo")).isEqualTo(Duration.ZERO);
  }

  @Test
  void eachDataCentreSeesItsOwnServersDirectlyAndOthersAtItsLinkEnds() {
    WanLinks.Plan plan = WanLinks.plan(ADDRESSING, DCS, ENDPOINTS, LINKS);

    assertThat(plan.views()).containsOnlyKeys("london", "amsterdam", "dallas");
    plan.views()
        .forEach(
            (dc, view) -> {
              assertThat(view).as(dc).hasSize(9);
              Set<String> ends = new HashSet<>();
              for (Endpoint e : ENDPOINTS) {
                String seen = view.get(e.hostName());
                if (e.dataCenter().equals(dc)) {
                  assertThat(seen).as(dc + " sees " + e.hostName()).isEqualTo(e.address());
                } else {
                  assertThat(seen)
                      .as(dc + " sees " + e.hostName())
                      .startsWith("127.77." + DCS.get(dc) + ".")
                      .isNotEqualTo(e.address());
                  ends.add(seen);
                  // the name leads to the proxies of that path, on every port
                  for (int port : e.ports()) {
                    assertThat(plan.proxies())
                        .filteredOn(p -> p.name().equals(dc + "--" + e.hostName() + "--" + port))
                        .singleElement()
                        .extracting(Proxy::listen)
                        .isEqualTo(seen + ":" + port);
                  }
                }
              }
              assertThat(ends).as(dc + ": one link end per remote endpoint").hasSize(6);
            });
  }

  @Test
  void noTwoProxiesListenOnTheSameAddressAndPort() {
    WanLinks.Plan plan = WanLinks.plan(ADDRESSING, DCS, ENDPOINTS, LINKS);

    assertThat(plan.proxies()).extracting(Proxy::listen).doesNotHaveDuplicates();
  }

  @Test
  void theSameInputInAnotherOrderGivesTheSamePlan() {
    WanLinks.Plan plan = WanLinks.plan(ADDRESSING, DCS, ENDPOINTS, LINKS);

    List<Endpoint> shuffled = new ArrayList<>(ENDPOINTS);
    Collections.shuffle(shuffled, new Random(7));
    assertThat(shuffled).isNotEqualTo(ENDPOINTS);
    List<Link> links = new ArrayList<>(LINKS);
    Collections.reverse(links);
    assertThat(WanLinks.plan(ADDRESSING, DCS, shuffled, links)).isEqualTo(plan);
    assertThat(WanLinks.proxiesJson(WanLinks.plan(ADDRESSING, DCS, shuffled, links).proxies()))
        .isEqualTo(WanLinks.proxiesJson(plan.proxies()));

    // data centres listed in another order: the same proxies and the same views
    Map<String, Integer> otherOrder = dcs("dallas", 3, "london", 1, "amsterdam", 2);
    WanLinks.Plan again = WanLinks.plan(ADDRESSING, otherOrder, shuffled, links);
    assertThat(again.proxies()).containsExactlyInAnyOrderElementsOf(plan.proxies());
    assertThat(again.views()).isEqualTo(plan.views());
  }

  @Test
  void anEndpointInAnUnknownDataCentreIsRefusedByName() {
    List<Endpoint> endpoints = new ArrayList<>(ENDPOINTS);
    endpoints.add(new Endpoint("tok-1.nats.booty", "tokyo", "127.77.4.11", List.of(GATEWAY)));

    assertThatThrownBy(() -> WanLinks.plan(ADDRESSING, DCS, endpoints, LINKS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("endpoint tok-1.nats.booty is in unknown data centre tokyo");
  }

  @Test
  void theProxiesFileIsJsonToxiproxyCanPopulateFrom() throws Exception {
    WanLinks.Plan plan = WanLinks.plan(ADDRESSING, DCS, ENDPOINTS, LINKS);

    JsonNode json = new ObjectMapper().readTree(WanLinks.proxiesJson(plan.proxies()));
    assertThat(json.isArray()).isTrue();
    assertThat(json).hasSize(36);
    for (int i = 0; i < json.size(); i++) {
      JsonNode p = json.get(i);
      Proxy expected = plan.proxies().get(i);
      assertThat(p.path("name").asText()).isEqualTo(expected.name());
      assertThat(p.path("listen").asText()).isEqualTo(expected.listen());
      assertThat(p.path("upstream").asText()).isEqualTo(expected.upstream());
      assertThat(p.path("enabled").isBoolean()).isTrue();
      assertThat(p.path("enabled").booleanValue()).isTrue();
    }
    assertThat(new ObjectMapper().readTree(WanLinks.proxiesJson(List.of()))).isEmpty();
    // names are quoted, not pasted
    JsonNode odd =
        new ObjectMapper()
            .readTree(
                WanLinks.proxiesJson(
                    List.of(
                        new Proxy("a\"b\\c", "x", "y", "127.77.1.100:1", "x:1", Duration.ZERO))));
    assertThat(odd.get(0).path("name").asText()).isEqualTo("a\"b\\c");
  }
}

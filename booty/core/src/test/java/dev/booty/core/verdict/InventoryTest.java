package dev.booty.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.core.BootyException;
import dev.booty.core.verdict.Inventory.ClientJob;
import dev.booty.core.verdict.Inventory.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run knows of a deployed scenario: distances, server lookup and its file. */
class InventoryTest {
  @TempDir Path home;

  /**
   * The reference deployment: london, amsterdam and dallas with three servers each, 8 ms between
   * london and amsterdam, 105 ms london-dallas and 115 ms amsterdam-dallas.
   */
  static Inventory londonAmsterdamDallas() {
    List<Server> servers = new ArrayList<>();
    String[][] dcs = {{"london", "lon", "1"}, {"amsterdam", "ams", "2"}, {"dallas", "dal", "3"}};
    for (String[] dc : dcs) {
      for (int i = 1; i <= 3; i++) {
        String name = dc[1] + "-" + i;
        servers.add(
            new Server(
                name,
                dc[0],
                name + ".nats.booty",
                "10.0." + dc[2] + "." + i,
                "http://" + name + ".nats.booty:8222",
                "local-3dc-nats-" + dc[0],
                "node-" + dc[0]));
      }
    }
    return new Inventory(
        "local-3dc",
        "local",
        List.of("london", "amsterdam", "dallas"),
        Map.of("london", "dc-london", "amsterdam", "dc-amsterdam", "dallas", "dc-dallas"),
        servers,
        rtts("london", "amsterdam", 8, "london", "dallas", 105, "amsterdam", "dallas", 115),
        4222,
        List.of(
            new ClientJob("london", "local-3dc-clients-london", 5),
            new ClientJob("amsterdam", "local-3dc-clients-amsterdam", 5),
            new ClientJob("dallas", "local-3dc-clients-dallas", 5)),
        Map.of("127.77.3.100", "lon-1"));
  }

  /** Round trips of (a, b, ms) triples, listed in both orders as the run writes them. */
  private static Map<String, Long> rtts(Object... triples) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < triples.length; i += 3) {
      long ms = ((Number) triples[i + 2]).longValue();
      out.put(triples[i] + "->" + triples[i + 1], ms);
      out.put(triples[i + 1] + "->" + triples[i], ms);
    }
    return out;
  }

  private static Inventory withDcs(List<String> dcs, Map<String, Long> rtt) {
    return new Inventory("x", "local", dcs, Map.of(), List.of(), rtt, 4222, null, null);
  }

  @Test
  void roundTripsAreReadInEitherOrderAndZeroWithinADataCentre() {
    Inventory inv = londonAmsterdamDallas();

    assertThat(inv.rtt("london", "amsterdam")).isEqualTo(8);
    assertThat(inv.rtt("amsterdam", "london")).isEqualTo(8);
    assertThat(inv.rtt("dallas", "london")).isEqualTo(105);
    assertThat(inv.rtt("amsterdam", "dallas")).isEqualTo(115);
    assertThat(inv.rtt("dallas", "dallas")).isZero();
  }

  @Test
  void dataCentresByDistanceStartWithItselfThenNearestFirst() {
    Inventory inv = londonAmsterdamDallas();

    assertThat(inv.byDistance("london")).containsExactly("london", "amsterdam", "dallas");
    assertThat(inv.byDistance("amsterdam")).containsExactly("amsterdam", "london", "dallas");
    assertThat(inv.byDistance("dallas")).containsExactly("dallas", "london", "amsterdam");
  }

  @Test
  void equallyDistantDataCentresKeepTheFileOrder() {
    Map<String, Long> rtt =
        rtts("dallas", "london", 105, "dallas", "paris", 105, "london", "paris", 8);

    assertThat(withDcs(List.of("dallas", "paris", "london"), rtt).byDistance("dallas"))
        .containsExactly("dallas", "paris", "london");
    assertThat(withDcs(List.of("london", "dallas", "paris"), rtt).byDistance("dallas"))
        .containsExactly("dallas", "london", "paris");
  }

  @Test
  void theDataCentreOfAServerUrlIsFoundByHostNameOrAddress() {
    Inventory inv = londonAmsterdamDallas();

    assertThat(inv.dcOfUrl("nats://dal-2.nats.booty:4222")).isEqualTo("dallas");
    assertThat(inv.dcOfUrl("nats://lon-1.nats.booty:4222")).isEqualTo("london");
    assertThat(inv.dcOfUrl("nats://10.0.2.3:4222")).isEqualTo("amsterdam");
    assertThat(inv.dcOfUrl("tls://ams-1.nats.booty:4443")).isEqualTo("amsterdam");
    // a client that resolved the DNS name in Dallas connects to its end of the WAN to lon-1
    assertThat(inv.dcOfUrl("nats://127.77.3.100:4222")).isEqualTo("london");
  }

  @Test
  void aUrlOfNoKnownServerHasNoDataCentre() {
    Inventory inv = londonAmsterdamDallas();

    assertThat(inv.dcOfUrl(null)).isNull();
    assertThat(inv.dcOfUrl("nats://tok-1.nats.booty:4222")).isNull();
    assertThat(inv.dcOfUrl("nats://10.0.9.9:4222")).isNull();
    assertThat(inv.dcOfUrl("not a url")).isNull();
    // a server name alone is not its host name
    assertThat(inv.dcOfUrl("nats://dal-2:4222")).isNull();
  }

  @Test
  void serversAreFoundByNameAndByDataCentre() {
    Inventory inv = londonAmsterdamDallas();

    assertThat(inv.require("ams-2").host()).isEqualTo("ams-2.nats.booty");
    assertThat(inv.require("ams-2").address()).isEqualTo("10.0.2.2");
    assertThat(inv.server("dal-4")).isEmpty();
    assertThat(inv.in("dallas"))
        .extracting(Server::name)
        .containsExactly("dal-1", "dal-2", "dal-3");
    assertThat(inv.in("tokyo")).isEmpty();
    assertThat(inv.clientJob("amsterdam").orElseThrow().job())
        .isEqualTo("local-3dc-clients-amsterdam");
    assertThat(inv.clientJob("tokyo")).isEmpty();
  }

  @Test
  void anUnknownServerIsRefusedListingTheKnownOnes() {
    assertThatThrownBy(() -> londonAmsterdamDallas().require("dal-4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no server 'dal-4' in scenario local-3dc (known: lon-1, lon-2, lon-3, ams-1, ams-2,"
                + " ams-3, dal-1, dal-2, dal-3)");
  }

  @Test
  void itIsWrittenUnderTheScenarioAndReadBackEqual() throws Exception {
    Inventory inv = londonAmsterdamDallas();

    inv.write(home);

    Path file = home.resolve("scenarios/local-3dc/inventory.json");
    assertThat(Inventory.file(home, "local-3dc")).isEqualTo(file);
    assertThat(file).isRegularFile();
    assertThat(Files.readString(file)).contains("\"london->dallas\" : 105");
    Inventory back = Inventory.read(home, "local-3dc");
    assertThat(back).isEqualTo(inv);
    assertThat(back.byDistance("dallas")).containsExactly("dallas", "london", "amsterdam");
    // written atomically: no temporary file is left beside it
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void rewritingReplacesTheFile() {
    Inventory inv = londonAmsterdamDallas();
    inv.write(home);
    Inventory fewer =
        new Inventory(
            inv.scenario(),
            inv.hosting(),
            inv.datacenters(),
            inv.nomadDatacenters(),
            inv.in("london"),
            inv.rttMs(),
            inv.clientPort(),
            inv.clientGroups(),
            inv.seenAs());

    fewer.write(home);

    assertThat(Inventory.read(home, "local-3dc").servers())
        .extracting(Server::name)
        .containsExactly("lon-1", "lon-2", "lon-3");
  }

  @Test
  void readingAScenarioNeverRunSaysWhereTheFileShouldBe() {
    Path file = home.resolve("scenarios/other/inventory.json");

    assertThatThrownBy(() -> Inventory.read(home, "other"))
        .isInstanceOf(BootyException.class)
        .hasMessageStartingWith(
            "cannot read " + file + " (written when 'booty scenario run' starts): ");
  }
}

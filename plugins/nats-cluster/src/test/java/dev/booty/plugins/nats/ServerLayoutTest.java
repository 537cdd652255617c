package dev.booty.plugins.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.plugins.nats.ServerLayout.Server;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerLayoutTest {

  /** A data centre #index with {@code servers} addresses in the local plugin's layout. */
  static HostedDataCenter dc(String name, int index, int servers) {
    List<String> addresses = new ArrayList<>();
    for (int k = 1; k <= servers; k++) {
      addresses.add("127.77." + index + "." + (10 + k));
    }
    return new HostedDataCenter(name, name, addresses, Map.of());
  }

  static List<HostedDataCenter> threeByThree() {
    return List.of(dc("london", 1, 3), dc("amsterdam", 2, 3), dc("dallas", 3, 3));
  }

  @Test
  void serversAreNamedAfterTheFirstThreeLettersOfTheirDataCentre() {
    ServerLayout layout = ServerLayout.of(threeByThree());

    assertThat(layout.servers())
        .extracting(Server::name)
        .containsExactly(
            "lon-1", "lon-2", "lon-3", "ams-1", "ams-2", "ams-3", "dal-1", "dal-2", "dal-3");
    assertThat(layout.servers())
        .extracting(Server::hostName)
        .allSatisfy(h -> assertThat(h).endsWith(".nats.booty"))
        .contains("lon-1.nats.booty", "dal-3.nats.booty");
  }

  @Test
  void eachServerTakesItsDataCentresAddressInOrder() {
    ServerLayout layout = ServerLayout.of(threeByThree());

    assertThat(layout.in("amsterdam"))
        .containsExactly(
            new Server("ams-1", "amsterdam", "127.77.2.11", 1),
            new Server("ams-2", "amsterdam", "127.77.2.12", 2),
            new Server("ams-3", "amsterdam", "127.77.2.13", 3));
    assertThat(layout.in("tokyo")).isEmpty();
  }

  @Test
  void twoDataCentresSharingThreeLettersGiveFullNamesEverywhere() {
    ServerLayout layout =
        ServerLayout.of(List.of(dc("dallas", 1, 1), dc("dalian", 2, 2), dc("lon", 3, 1)));

    assertThat(layout.servers())
        .extracting(Server::hostName)
        .containsExactly(
            "dallas-1.nats.booty",
            "dalian-1.nats.booty",
            "dalian-2.nats.booty",
            "lon-1.nats.booty");
    assertThat(layout.servers()).extracting(Server::name).doesNotHaveDuplicates();
  }

  @Test
  void shortDataCentreNamesAreUsedWhole() {
    ServerLayout layout = ServerLayout.of(List.of(dc("ny", 1, 1), dc("sf", 2, 2)));

    assertThat(layout.servers()).extracting(Server::name).containsExactly("ny-1", "sf-1", "sf-2");
  }
}

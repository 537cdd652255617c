package dev.booty.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployerIndexesTest {

  private static Scenario scenario(String... dataCentres) {
    StringBuilder yaml =
        new StringBuilder(
            """
            version: 1
            name: idx
            plugins:
              hosting: local
              cluster: nats
            datacenters:
            """);
    for (String dc : dataCentres) {
      yaml.append("  - name: ").append(dc).append('\n');
    }
    return ScenarioLoader.parse(yaml.toString(), Path.of("idx.yaml"));
  }

  /** The state a deploy records: the data centres with the indexes they got. */
  private static DeploymentState deployed(Scenario s, Map<String, Integer> indexes) {
    List<DeploymentState.DataCentre> dcs = new ArrayList<>();
    indexes.forEach((name, index) -> dcs.add(new DeploymentState.DataCentre(name, index, 3)));
    return new DeploymentState(
        s.name(),
        "idx.yaml",
        "local",
        "nats",
        true,
        dcs,
        List.of(),
        "2025-01-01T00:00:00Z",
        null,
        null);
  }

  @Test
  void aFirstDeployNumbersTheDataCentresInFileOrderFromOne() {
    Map<String, Integer> indexes =
        Deployer.indexes(scenario("london", "amsterdam", "dallas"), null);

    assertThat(indexes)
        .containsExactly(entry("london", 1), entry("amsterdam", 2), entry("dallas", 3));
  }

  @Test
  void aRedeployKeepsEveryIndexEvenWhenTheFileIsReordered() {
    Scenario first = scenario("london", "amsterdam", "dallas");
    DeploymentState before = deployed(first, Deployer.indexes(first, null));

    assertThat(Deployer.indexes(first, before))
        .containsExactly(entry("london", 1), entry("amsterdam", 2), entry("dallas", 3));
    // the result follows the file's order; the numbers stay with the names
    assertThat(Deployer.indexes(scenario("dallas", "london", "amsterdam"), before))
        .containsExactly(entry("dallas", 3), entry("london", 1), entry("amsterdam", 2));
  }

  @Test
  void aDataCentreAddedLaterTakesTheLowestFreeIndex() {
    Scenario first = scenario("london", "amsterdam", "dallas");
    DeploymentState before = deployed(first, Map.of("london", 1, "amsterdam", 2, "dallas", 3));

    // added first in the file: it must not take london's 1
    assertThat(Deployer.indexes(scenario("tokyo", "london", "amsterdam", "dallas"), before))
        .containsExactly(
            entry("tokyo", 4), entry("london", 1), entry("amsterdam", 2), entry("dallas", 3));
  }

  @Test
  void aRemovedDataCentreFreesItsIndexForTheNextOneAdded() {
    Scenario first = scenario("london", "amsterdam", "dallas");
    DeploymentState before = deployed(first, Map.of("london", 1, "amsterdam", 2, "dallas", 3));

    Map<String, Integer> withoutAmsterdam = Deployer.indexes(scenario("london", "dallas"), before);
    assertThat(withoutAmsterdam).containsExactly(entry("london", 1), entry("dallas", 3));

    DeploymentState after = deployed(scenario("london", "dallas"), withoutAmsterdam);
    assertThat(Deployer.indexes(scenario("london", "dallas", "tokyo", "sydney"), after))
        .containsExactly(
            entry("london", 1), entry("dallas", 3), entry("tokyo", 2), entry("sydney", 4));
  }

  @Test
  void removedAndAddedInOneDeployReusesTheFreedIndex() {
    Scenario first = scenario("london", "amsterdam", "dallas");
    DeploymentState before = deployed(first, Map.of("london", 1, "amsterdam", 2, "dallas", 3));

    assertThat(Deployer.indexes(scenario("london", "tokyo", "dallas"), before))
        .containsExactly(entry("london", 1), entry("tokyo", 2), entry("dallas", 3));
  }

  @Test
  void indexesAreDistinctWhateverTheHistory() {
    Scenario s = scenario("a1", "b2", "c3", "d4", "e5");
    DeploymentState before = deployed(s, Map.of("c3", 1, "e5", 5));

    Map<String, Integer> indexes = Deployer.indexes(s, before);
    assertThat(indexes.values()).doesNotHaveDuplicates().containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    assertThat(indexes).contains(entry("c3", 1), entry("e5", 5), entry("a1", 2));
  }
}

package dev.booty.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.core.BootyException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTemplateTest {

  @Test
  void theStarterIsAValidThreeDataCentreScenarioWithTheDefaults() {
    String text = ScenarioTemplate.starter("my-test", "scenarios/my-test.yaml", null);
    Scenario s = ScenarioLoader.parse(text, Path.of("scenarios/my-test.yaml"));
    assertThat(s.name()).isEqualTo("my-test");
    assertThat(s.datacenterNames()).containsExactly("london", "amsterdam", "dallas");
    assertThat(s.rtt("dallas", "amsterdam")).isEqualTo(Duration.ofMillis(115));
    Cluster defaults = Cluster.defaults();
    assertThat(s.cluster()).isEqualTo(defaults);
    assertThat(s.datacenters())
        .allSatisfy(d -> assertThat(d.servers()).isEqualTo(defaults.serversPerDatacenter()));
    assertThat(text).contains("validate scenarios/my-test.yaml").doesNotContain("$schema");
  }

  @Test
  void everyKeyIsInTheStarterAndExplainedWhereItFirstAppears() {
    String text = ScenarioTemplate.starter("x", "x.yaml", "scenario.schema.json");
    assertThat(text).startsWith("# yaml-language-server: $schema=scenario.schema.json\n");
    List<String> lines = text.lines().toList();
    ScenarioLoader.KEYS.forEach(
        (part, keys) -> {
          for (String key : keys) {
            assertThat(text).as("key %s of %s is in the starter", key, part).contains(key + ":");
            for (int i = 0; i < lines.size(); i++) {
              if (lines.get(i).matches("\\s*(- )?" + key + ":.*")) {
                assertThat(lines.get(i - 1).strip())
                    .as("the line before key %s (line %d) explains it", key, i + 1)
                    .startsWith("#");
                break;
              }
            }
          }
        });
  }

  @Test
  void aBadNameIsRefused() {
    assertThatThrownBy(() -> ScenarioTemplate.starter("My_Test", "x.yaml", null))
        .isInstanceOf(BootyException.class)
        .hasMessageStartingWith("'My_Test' is not a scenario name (lower-case letters");
  }
}

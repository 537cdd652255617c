package dev.booty.core.scenario;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.core.BootyException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenarioChecksTest {
  private static final String YAML =
      """
      version: 1
      name: x
      plugins:
        hosting: lcoal
        cluster: nats
        dns: pdns
      datacenters:
        - name: london
      """;

  private static Scenario scenario(String yaml) {
    return ScenarioLoader.parse(yaml, Path.of("scenarios/x.yaml"));
  }

  @Test
  void anUnknownPluginIdNamesFileLineAndTheAvailableOnes() {
    assertThatThrownBy(
            () ->
                ScenarioChecks.checkPlugins(
                    scenario(YAML), Map.of("hosting", Set.of("local"), "cluster", Set.of("nats"))))
        .isInstanceOf(BootyException.class)
        .hasMessage(
            "scenarios/x.yaml:4:12: plugins.hosting: no hosting plugin 'lcoal' (available: local)");
  }

  @Test
  void aKindWithNoPluginsSaysNone() {
    Scenario s = scenario(YAML.replace("lcoal", "local"));
    assertThatThrownBy(
            () ->
                ScenarioChecks.checkPlugins(
                    s, Map.of("hosting", Set.of("local"), "cluster", Set.of("nats"))))
        .hasMessage("scenarios/x.yaml:6:8: plugins.dns: no dns plugin 'pdns' (available: none)");
  }

  @Test
  void knownIdsPassAndNoDnsNeedsNoDnsPlugin() {
    Scenario s = scenario(YAML.replace("lcoal", "local").replace("dns: pdns", "dns: none"));
    assertThatCode(
            () ->
                ScenarioChecks.checkPlugins(
                    s, Map.of("hosting", Set.of("fly", "local"), "cluster", Set.of("nats"))))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> ScenarioChecks.checkPlugins(s, Map.of("hosting", Set.of("local"))))
        .hasMessageContaining("plugins.cluster: no cluster plugin 'nats' (available: none)");
  }
}

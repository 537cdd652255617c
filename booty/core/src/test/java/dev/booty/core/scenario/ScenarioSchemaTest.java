package dev.booty.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** scenarios/scenario.schema.json, for editors, knows the same keys as the loader. */
class ScenarioSchemaTest {
  static final Path SCHEMA = Path.of("../../scenarios/scenario.schema.json");

  @Test
  void theSchemaHasTheLoadersKeysInEveryPart() throws Exception {
    JsonNode schema = Json.MAPPER.readTree(Files.readString(SCHEMA));
    assertThat(schema.path("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    JsonNode top = schema.path("properties");
    ScenarioLoader.KEYS.forEach(
        (part, keys) -> {
          JsonNode props = part.isEmpty() ? top : top.path(part);
          if (props.path("type").asText().equals("array")) {
            props = props.path("items");
          }
          if (!part.isEmpty()) {
            assertThat(props.path("additionalProperties").asBoolean(true))
                .as(part + " refuses unknown keys")
                .isFalse();
            props = props.path("properties");
          }
          List<String> names = new ArrayList<>();
          props.fieldNames().forEachRemaining(names::add);
          assertThat(names)
              .as("keys of " + (part.isEmpty() ? "the top level" : part))
              .isEqualTo(keys);
        });
    assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
  }

  @Test
  void theReferenceScenarioPointsEditorsAtTheSchema() throws Exception {
    assertThat(Files.readAllLines(ScenarioLoaderTest.REFERENCE).get(0))
        .isEqualTo("# yaml-language-server: $schema=scenario.schema.json");
  }
}

package dev.booty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.cli.support.Booty;
import dev.booty.core.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code booty scenario validate}, in-process, against a fresh home. */
class ScenarioCommandTest {
  static final Path REFERENCE = Path.of("../../scenarios/local-3dc.yaml");

  @TempDir Path home;
  @TempDir Path dir;

  Booty booty() {
    return new Booty(home, null);
  }

  @Test
  void theReferenceScenarioIsValidAndSummarised() {
    Booty.Run run = booty().run("scenario", "validate", REFERENCE.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains(REFERENCE + ": valid")
        .contains("local-3dc: London, Amsterdam and Dallas")
        .contains("london (3 servers), amsterdam (3 servers), dallas (3 servers)")
        .contains("london-amsterdam 8ms, london-dallas 105ms, amsterdam-dallas 115ms")
        .contains("nats-server (active installed) on raw_exec, JetStream R3, websocket on")
        .contains("20 in 2 group(s)")
        .contains("plugins not checked: none installed");
    assertThat(run.err()).isEmpty();
    assertThat(home.resolve("plugins")).as("validating creates nothing").doesNotExist();
  }

  @Test
  void jsonHasTheScenarioWithItsDefaults() throws Exception {
    Booty.Run run = booty().run("scenario", "validate", "--json", REFERENCE.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode json = Json.MAPPER.readTree(run.out());
    assertThat(json.path("name").asText()).isEqualTo("local-3dc");
    assertThat(json.path("datacenters").get(2).path("servers").asInt()).isEqualTo(3);
    assertThat(json.path("wan").get(1).path("rtt").asText()).isEqualTo("105ms");
    assertThat(json.path("cluster").path("lameDuckDuration").asText()).isEqualTo("30s");
    assertThat(json.path("expect").get(0).path("below").asText()).isEqualTo("5s");
    assertThat(json.path("pluginCheck").asText()).isEqualTo("none installed");
  }

  @Test
  void aBrokenFileIsBadUsageNamingFileLineAndKey() throws Exception {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(
        file, Files.readString(REFERENCE).replace("    rtt: 105ms", "    lantency: 105ms"));
    Booty.Run run = booty().run("scenario", "validate", file.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "booty: "
                + file
                + ":23:5: unknown key 'lantency' in wan[1] (known: between, rtt)"
                + System.lineSeparator());
    assertThat(booty().run("scenario", "validate", dir.resolve("none.yaml").toString()).err())
        .contains("no scenario file " + dir.resolve("none.yaml"));
  }

  @Test
  void installedPluginsAreCheckedUnlessToldNot() throws Exception {
    Files.createDirectories(home.resolve("plugins"));
    Files.writeString(home.resolve("plugins/broken.jar"), "not a jar");
    Booty.Run run = booty().run("scenario", "validate", REFERENCE.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            REFERENCE + ":10:12: plugins.hosting: no hosting plugin 'local' (available: none)");
    Booty.Run skipped =
        booty().run("scenario", "validate", "--no-plugin-check", REFERENCE.toString());
    assertThat(skipped.exitCode()).as(skipped.toString()).isZero();
    assertThat(skipped.out()).contains("plugins not checked (--no-plugin-check)");
  }

  @Test
  void helpNamesTheCommand() {
    Booty.Run run = booty().run("scenario", "validate", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: booty scenario validate").contains("--no-plugin-check");
  }
}

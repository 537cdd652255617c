package dev.booty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.cli.support.Booty;
import dev.booty.core.testing.ScenarioPlugins;
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
    // the line the broken key stands on, counted from 1
    int line = Files.readString(file).lines().toList().indexOf("    lantency: 105ms") + 1;
    assertThat(line).isPositive();
    Booty.Run run = booty().run("scenario", "validate", file.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "booty: "
                + file
                + ":"
                + line
                + ":5: unknown key 'lantency' in wan[1] (known: between, rtt)"
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

  static final Path DC_OUTAGE = Path.of("../../scenarios/dc-outage.yaml");

  private Path variant(String from, String to) throws Exception {
    String text = Files.readString(DC_OUTAGE);
    assertThat(text).contains(from);
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, text.replace(from, to));
    return file;
  }

  @Test
  void validateRefusesAStepWhoseActionNoChaosModeHas() throws Exception {
    ScenarioPlugins.writeTo(home.resolve("plugins"));
    Path file =
        variant(
            "    action: dc-outage\n    target: dallas",
            "    action: dc-outrage\n    target: dallas");

    Booty.Run run = booty().run("scenario", "validate", file.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "booty: "
                + file
                + ":62:13: steps[0].action: no chaos mode 'dc-outrage'; available: dc-outage"
                + System.lineSeparator());
  }

  @Test
  void validateAndRunRefuseATargetThatIsNoDataCentreBeforeDeployingAnything() throws Exception {
    ScenarioPlugins.writeTo(home.resolve("plugins"));
    Path file = variant("    target: amsterdam", "    target: [amsterdam, paris]");
    String expected =
        file
            + ":69:13: steps[1] (dc-outage): no data centre 'paris' (known: london, amsterdam,"
            + " dallas)";

    Booty.Run validate = booty().run("scenario", "validate", file.toString());
    assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(2);
    assertThat(validate.err()).contains(expected);

    // no stack runs here: the run is refused before it looks for one
    Booty.Run run = booty().run("scenario", "run", file.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains(expected);
    assertThat(home.resolve("scenarios")).doesNotExist();
  }

  @Test
  void validateChecksTheStepsOfAGoodFile() {
    ScenarioPlugins.writeTo(home.resolve("plugins"));
    Booty.Run run = booty().run("scenario", "validate", DC_OUTAGE.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("plugins and steps checked against the installed plugins");
  }

  @Test
  void runPlanPrintsThePlanWithoutAStack() throws Exception {
    ScenarioPlugins.writeTo(home.resolve("plugins"));

    Booty.Run text = booty().run("scenario", "run", "--plan", DC_OUTAGE.toString());
    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out())
        .contains("plan for local-3dc: hosting local, cluster nats")
        .contains("  data centre dallas: dal-1, dal-2, dal-3")
        .contains("  clients of dallas: 10 in 2 process(es) of 5, job local-3dc-clients-dallas")
        .contains("  step 1 at +45s: dc-outage amsterdam for 25s, takes out amsterdam")
        .contains("  watchdog job local-3dc-watchdog");

    Booty.Run json = booty().run("scenario", "run", "--plan", "--json", DC_OUTAGE.toString());
    assertThat(json.exitCode()).as(json.toString()).isZero();
    JsonNode plan = Json.MAPPER.readTree(json.out());
    assertThat(
            plan.path("timeline")
                .path("steps")
                .get(0)
                .path("healRecord")
                .path("dataCenters")
                .asText())
        .isEqualTo("dallas");
    assertThat(plan.path("clients").get(1).path("seeds").toString())
        .isEqualTo("[\"amsterdam\",\"london\",\"dallas\"]");
    assertThat(home.resolve("scenarios")).as("a plan deploys nothing").doesNotExist();
  }
}

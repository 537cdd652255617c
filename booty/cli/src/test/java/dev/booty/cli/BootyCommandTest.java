package dev.booty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.cli.support.Booty;
import dev.booty.core.util.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** booty's commands, in-process, against a fresh home and the built-in manifest. */
class BootyCommandTest {
  @TempDir Path home;

  Booty booty() {
    return new Booty(home, null);
  }

  @Test
  void helpListsTheCommands() {
    Booty.Run run = booty().run("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("install", "uninstall", "list", "status", "mirror", "use");
    for (String command :
        new String[] {"install", "uninstall", "use", "list", "status", "mirror"}) {
      Booty.Run sub = booty().run(command, "--help");
      assertThat(sub.exitCode()).as(command + " --help: " + sub.err()).isZero();
      assertThat(sub.out()).contains("Usage: booty " + command);
    }
  }

  @Test
  void everyVersionInTheHelpExamplesIsInTheManifest() {
    var manifest = dev.booty.core.manifest.ManifestLoader.builtIn();
    String help = booty().run("--help").out() + booty().run("install", "--help").out();
    var refs = java.util.regex.Pattern.compile("([a-z][a-z-]*)@(\\d[\\w.]*)").matcher(help);
    int seen = 0;
    while (refs.find()) {
      var spec = manifest.component(refs.group(1));
      assertThat(spec.versions()).as(refs.group()).contains(refs.group(2));
      seen++;
    }
    assertThat(seen).isGreaterThanOrEqualTo(3);
  }

  @Test
  void unknownComponentIsBadUsageListingTheAvailableOnes() {
    Booty.Run run = booty().run("install", "nomda");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("unknown component 'nomda'; available: nomad, consul, nats-server");
    assertThat(home.resolve("components")).doesNotExist();
  }

  @Test
  void unknownVersionIsBadUsageListingTheKnownOnes() {
    Booty.Run run = booty().run("install", "nats-server@0.0.1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("unknown version '0.0.1' of nats-server; available: ")
        .contains("(default)");
  }

  @Test
  void aTypoInAnyArgumentFailsBeforeAnythingIsFetched() {
    Booty.Run run = booty().run("install", "--source", "release", "nats-server", "toxiproxi");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(home.resolve("components")).doesNotExist();
  }

  @Test
  void unknownOptionAndSourceAreBadUsage() {
    assertThat(booty().run("install", "--frobnicate").exitCode()).isEqualTo(2);
    Booty.Run run = booty().run("install", "--source", "ftp", "nomad");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("unknown source 'ftp'; one of: installed, release, mirror, go, system");
    Booty.Run system = booty().run("install", "--source", "system", "caddy");
    assertThat(system.err()).contains("--source system needs --allow-system-packages");
  }

  @Test
  void listShowsAvailableVersionsAsJson() throws Exception {
    Booty.Run run = booty().run("list", "--json", "nats-server");
    assertThat(run.exitCode()).isZero();
    JsonNode rows = Json.MAPPER.readTree(run.out());
    assertThat(rows.size()).isGreaterThanOrEqualTo(2);
    rows.forEach(r -> assertThat(r.path("state").asText()).isEqualTo("available"));
  }

  @Test
  void statusOfAnEmptyHome() throws Exception {
    Booty.Run run = booty().run("status", "--json");
    assertThat(run.exitCode()).isZero();
    JsonNode status = Json.MAPPER.readTree(run.out());
    assertThat(status.path("stack").isNull()).isTrue();
    status
        .path("components")
        .forEach(r -> assertThat(r.path("health").asText()).isEqualTo("not installed"));
    assertThat(status.path("components").size()).isGreaterThanOrEqualTo(7);
  }

  @Test
  void uninstallOfSomethingNotInstalledFails() {
    Booty.Run run =
        booty()
            .run(
                "uninstall",
                "nomad@"
                    + dev.booty.core.manifest.ManifestLoader.builtIn()
                        .component("nomad")
                        .defaultVersion());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("is not installed (installed: none)");
  }
}

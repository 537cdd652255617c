package dev.booty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.cli.support.Booty;
import dev.booty.core.manifest.ComponentSpec;
import dev.booty.core.manifest.Manifest;
import dev.booty.core.manifest.ManifestLoader;
import dev.booty.core.util.Json;
import dev.booty.core.util.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real components from their real sources on this machine: release hosts are unreachable here,
 * so the installs fall through to Go module builds (kept in booty's Go build cache, so a rerun
 * takes seconds) and, where asked, to Debian's packages through apt.
 */
class RealComponentsIT {
  static final Manifest MANIFEST = ManifestLoader.builtIn();
  static final String NATS_PREVIOUS = "2.10.27";

  @TempDir Path tmp;

  @Test
  void installsEveryComponentSideBySideAndEachAnswersItsVersion() throws Exception {
    Booty booty = new Booty(tmp.resolve("home"), null);
    List<String> args = new ArrayList<>(List.of("install", "--json"));
    args.addAll(MANIFEST.components().keySet());
    args.add("nats-server@" + NATS_PREVIOUS);

    Booty.Run run = booty.run(args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode results = Json.MAPPER.readTree(run.out()).path("results");
    assertThat(results.size()).isEqualTo(MANIFEST.components().size() + 1);
    for (JsonNode r : results) {
      ComponentSpec spec = MANIFEST.component(r.path("component").asText());
      String version = r.path("version").asText();
      ProcessRunner.Result answer =
          ProcessRunner.run(
              concat(r.path("binary").asText(), spec.versionCheck().args()),
              tmp,
              Map.of(),
              Duration.ofSeconds(30),
              l -> {});
      assertThat(answer.output()).as(spec.name()).contains(spec.versionCheck().expected(version));
    }

    Booty.Run list = booty.run("list", "--installed", "--json");
    assertThat(Json.MAPPER.readTree(list.out()).size()).isEqualTo(MANIFEST.components().size() + 1);
    assertThat(booty.run("status").exitCode()).isZero();

    Booty.Run again = booty.run(args.toArray(String[]::new));
    for (JsonNode r : Json.MAPPER.readTree(again.out()).path("results")) {
      assertThat(r.path("status").asText())
          .as(r.path("component").asText())
          .isEqualTo("already-installed");
    }
  }

  @Test
  void buildsNatsServerFromItsGoModuleForReal() throws Exception {
    Booty booty = new Booty(tmp.resolve("home"), null).env("BOOTY_GO_CACHE", "off");
    Booty.Run run = booty.run("install", "--source", "go", "nats-server@" + NATS_PREVIOUS);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err())
        .contains("go install github.com/nats-io/nats-server/v2@v" + NATS_PREVIOUS);
    assertThat(
            Files.readString(
                tmp.resolve("home/components/nats-server/" + NATS_PREVIOUS + "/install.json")))
        .contains("\"versionOutput\" : \"nats-server: v" + NATS_PREVIOUS + "\"");
  }

  @Test
  void installsDebianPackagesThroughAptWithoutTouchingTheSystem() throws Exception {
    Booty booty = new Booty(tmp.resolve("home"), null);
    Booty.Run refused = booty.run("install", "--source", "system", "nats-server@2.9.10");
    assertThat(refused.exitCode()).isEqualTo(2);

    Booty.Run run =
        booty.run(
            "install",
            "--json",
            "--allow-system-packages",
            "--source",
            "system",
            "nats-server@2.9.10",
            "caddy@2.6.2");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode results = Json.MAPPER.readTree(run.out()).path("results");
    assertThat(results.get(0).path("origin").asText())
        .startsWith("debian package nats-server=2.9.10");
    assertThat(results.get(0).path("versionOutput").asText()).isEqualTo("nats-server: v2.9.10");
    assertThat(results.get(1).path("origin").asText()).startsWith("debian package caddy=2.6.2");
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }
}

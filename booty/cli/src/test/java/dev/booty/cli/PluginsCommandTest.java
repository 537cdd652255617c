package dev.booty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.cli.support.Booty;
import dev.booty.core.plugin.PluginJar;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code booty plugins ...} in-process, against a fresh home with real plugin jars. */
class PluginsCommandTest {
  @TempDir Path home;
  @TempDir Path elsewhere;

  Path plugins() {
    return home.resolve("plugins");
  }

  Booty booty() {
    return new Booty(home, null).env("BOOTY_BUNDLED_PLUGINS", elsewhere.resolve("none").toString());
  }

  /** The list's JSON, by plugin id. */
  static Map<String, JsonNode> listed(Booty.Run run) throws IOException {
    Map<String, JsonNode> byId = new HashMap<>();
    Json.MAPPER.readTree(run.out()).forEach(r -> byId.put(r.path("id").asText(), r));
    return byId;
  }

  @Test
  void anEmptyHomeHasNoPlugins() {
    Booty.Run run = booty().run("plugins", "list");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("no plugins in " + plugins());
  }

  @Test
  void listExitsZeroWhenEveryPluginStarts() throws IOException {
    PluginJar.plugin("acme").version("1.2.0").hosting("acme-cloud").writeTo(plugins());

    Booty.Run run = booty().run("plugins", "list", "--json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode acme = listed(run).get("acme");
    assertThat(acme.path("state").asText()).isEqualTo("started");
    assertThat(acme.path("version").asText()).isEqualTo("1.2.0");
    assertThat(acme.path("requires").asText()).isEqualTo("1.2");
    assertThat(acme.path("reason").isNull()).isTrue();
    assertThat(acme.path("file").asText()).isEqualTo(plugins().resolve("acme.jar").toString());
    assertThat(acme.path("extensions").get(0).asText()).isEqualTo("test.plugins.acme.Hosting0");

    Booty.Run table = booty().run("plugins", "list");
    assertThat(table.exitCode()).isZero();
    assertThat(table.out()).contains("PLUGIN", "acme", "1.2.0", "started", "Hosting0");
  }

  @Test
  void listExitsOneWhenOnePluginIsBrokenAndShowsWhy() throws IOException {
    PluginJar.plugin("acme").hosting("acme-cloud").writeTo(plugins());
    PluginJar.plugin("future").requires("2.0").writeTo(plugins());
    PluginJar.garbage(plugins(), "text.jar", "not a zip");

    Booty.Run run = booty().run("plugins", "list", "--json");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    Map<String, JsonNode> reports = listed(run);
    assertThat(reports.keySet()).containsExactlyInAnyOrder("acme", "future", "text.jar");
    assertThat(reports.get("acme").path("state").asText()).isEqualTo("started");
    assertThat(reports.get("future").path("state").asText()).isEqualTo("refused");
    assertThat(reports.get("future").path("reason").asText())
        .isEqualTo("built for booty API 2.0; this booty offers API 1.2");
    assertThat(reports.get("text.jar").path("reason").asText())
        .startsWith("cannot read the plugin descriptor of text.jar: not a zip or jar");

    Booty.Run table = booty().run("plugins", "list");
    assertThat(table.exitCode()).isEqualTo(1);
    assertThat(table.out()).contains("built for booty API 2.0; this booty offers API 1.2");
  }

  @Test
  void infoShowsOnePluginAndAnUnknownIdIsBadUsageListingTheInstalledOnes() throws IOException {
    PluginJar.plugin("acme").version("1.2.0").hosting("acme-cloud").writeTo(plugins());
    PluginJar.garbage(plugins(), "text.jar", "not a zip");

    Booty.Run info = booty().run("plugins", "info", "acme", "--json");
    assertThat(info.exitCode()).as(info.toString()).isZero();
    JsonNode acme = Json.MAPPER.readTree(info.out());
    assertThat(acme.path("id").asText()).isEqualTo("acme");
    assertThat(acme.path("description").asText()).isEqualTo("test plugin acme");
    assertThat(acme.path("provider").asText()).isEqualTo("booty tests");
    assertThat(acme.path("state").asText()).isEqualTo("started");

    Booty.Run text = booty().run("plugins", "info", "acme");
    assertThat(text.out())
        .contains("version      1.2.0", "requires     booty API 1.2", "extension    test.plugins");

    Booty.Run unknown = booty().run("plugins", "info", "acne");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no plugin 'acne'; installed: acme, text.jar");
    for (String command : List.of("enable", "disable")) {
      Booty.Run run = booty().run("plugins", command, "acne");
      assertThat(run.exitCode()).as(command).isEqualTo(2);
      assertThat(run.err()).as(command).contains("no plugin 'acne'; installed: acme, text.jar");
    }
  }

  @Test
  void aDisabledPluginStaysOffUntilEnabled() throws IOException {
    PluginJar.plugin("acme").hosting("acme-cloud").writeTo(plugins());

    Booty.Run disable = booty().run("plugins", "disable", "acme");
    assertThat(disable.exitCode()).as(disable.toString()).isZero();
    assertThat(disable.out()).contains("acme: disabled");

    Booty.Run list = booty().run("plugins", "list", "--json");
    assertThat(list.exitCode()).isZero();
    JsonNode acme = listed(list).get("acme");
    assertThat(acme.path("state").asText()).isEqualTo("disabled");
    assertThat(acme.path("extensions")).isEmpty();

    Booty.Run enable = booty().run("plugins", "enable", "acme");
    assertThat(enable.exitCode()).as(enable.toString()).isZero();
    assertThat(enable.out()).contains("acme: started");
    assertThat(listed(booty().run("plugins", "list", "--json")).get("acme").path("state").asText())
        .isEqualTo("started");
  }

  @Test
  void disablingABrokenPluginMakesTheListHealthyAgain() {
    PluginJar.plugin("acme").writeTo(plugins());
    PluginJar.plugin("needy").dependsOn("base").writeTo(plugins());
    assertThat(booty().run("plugins", "list").exitCode()).isEqualTo(1);

    assertThat(booty().run("plugins", "disable", "needy").exitCode()).isZero();

    assertThat(booty().run("plugins", "list").exitCode()).isZero();
  }

  @Test
  void installChecksTheFileFirstAndLeavesTheFolderAloneWhenItIsBroken() throws IOException {
    PluginJar.plugin("acme").writeTo(plugins());
    List<String> before = names(plugins());
    Path future = PluginJar.plugin("future").requires("2.0").writeTo(elsewhere);

    Booty.Run refused = booty().run("plugins", "install", future.toString());

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err())
        .contains(
            "plugin future ("
                + future
                + ") refused: built for booty API 2.0; this booty offers API 1.2");
    assertThat(names(plugins())).isEqualTo(before);

    Booty.Run missing = booty().run("plugins", "install", elsewhere.resolve("nope.jar").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("no plugin file " + elsewhere.resolve("nope.jar"));

    Path fresh = PluginJar.plugin("fresh").version("0.3.0").hosting("fresh").writeTo(elsewhere);
    Booty.Run installed = booty().run("plugins", "install", fresh.toString());
    assertThat(installed.exitCode()).as(installed.toString()).isZero();
    assertThat(installed.out())
        .contains("installed fresh 0.3.0 as " + plugins().resolve("fresh.jar"), "fresh: started");
    assertThat(names(plugins())).containsExactly("acme.jar", "fresh.jar");
  }

  @Test
  void theDistributionsPluginsAreCopiedIntoTheHomeBesideTheUsersOwn() throws IOException {
    Path bundled = elsewhere.resolve("dist-plugins");
    PluginJar.plugin("local").hosting("local").writeTo(bundled);
    Path mine = PluginJar.plugin("mine").hosting("mine").writeTo(plugins());
    byte[] mineBefore = Files.readAllBytes(mine);

    Booty.Run run =
        new Booty(home, null)
            .env("BOOTY_BUNDLED_PLUGINS", bundled.toString())
            .run("plugins", "list", "--json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    Map<String, JsonNode> reports = listed(run);
    assertThat(reports.get("local").path("state").asText()).isEqualTo("started");
    assertThat(reports.get("local").path("file").asText())
        .isEqualTo(plugins().resolve("local.jar").toString());
    assertThat(reports.get("mine").path("state").asText()).isEqualTo("started");
    assertThat(Files.readAllBytes(mine)).isEqualTo(mineBefore);
    assertThat(Files.mismatch(bundled.resolve("local.jar"), plugins().resolve("local.jar")))
        .isEqualTo(-1);
  }

  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}

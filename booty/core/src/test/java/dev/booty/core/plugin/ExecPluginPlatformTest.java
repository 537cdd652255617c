package dev.booty.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.ChaosMode;
import dev.booty.core.plugin.remote.FakePlugin;
import dev.booty.plugin.sdk.RecordingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Executable plugins beside PF4J's in one plugins folder: listed, named, installed alike. */
class ExecPluginPlatformTest {
  @TempDir Path home;
  @TempDir Path elsewhere;

  private static String descriptor(String id, String mode) {
    return """
        id: %s
        version: 0.0.1
        requires: "1.2"
        protocols: [1]
        description: a fake
        command: ["${java}", "-XX:TieredStopAtLevel=1", "-cp", "%s", "%s", "%s"]
        extensions: {chaos: [fake]}
        timeouts: {start: 20s}
        """
        .formatted(id, System.getProperty("java.class.path"), FakePlugin.class.getName(), mode);
  }

  @Test
  void aFolderWithPluginYamlIsAReadyExecPluginWhoseModeScenariosName() throws Exception {
    Path plugins = home.resolve("plugins");
    Files.createDirectories(plugins.resolve("fake"));
    Files.writeString(plugins.resolve("fake/plugin.yaml"), descriptor("fake", "ok"));
    Files.createDirectories(plugins.resolve("broken"));
    Files.writeString(plugins.resolve("broken/plugin.yaml"), "id: broken\nversion: 1\n");

    try (PluginPlatform platform = new PluginPlatform(plugins)) {
      platform.load();
      PluginReport fake = platform.plugin("fake");
      assertThat(fake.kind()).isEqualTo(PluginReport.EXEC);
      assertThat(fake.state()).isEqualTo(PluginReport.READY);
      assertThat(fake.extensions()).containsExactly("chaos:fake");
      assertThat(platform.plugin("broken").state()).isEqualTo(PluginReport.REFUSED);
      assertThat(platform.plugin("broken").reason())
          .isEqualTo(plugins.resolve("broken/plugin.yaml") + ": requires: is missing");

      ChaosMode mode = platform.extension(ChaosMode.class, "fake");
      var context = new RecordingContext(home);
      assertThat(mode.prepare(new ChaosMode.FaultSpec(List.of("dallas"), null, Map.of()), context))
          .containsEntry("targets", "dallas");
      var probe = platform.execPlugin("fake").probe();
      assertThat(probe.health()).isEqualTo("SERVING");
      assertThat(probe.protocol()).isEqualTo(1);
      assertThat(probe.extensions()).containsExactly("chaos:fake");
    }
  }

  @Test
  void aPluginThatServesOtherExtensionsThanDeclaredIsRefusedAtStart() throws Exception {
    Path plugins = home.resolve("plugins");
    Files.createDirectories(plugins.resolve("fake"));
    Files.writeString(
        plugins.resolve("fake/plugin.yaml"),
        descriptor("fake", "ok").replace("chaos: [fake]", "chaos: [other]"));
    try (PluginPlatform platform = new PluginPlatform(plugins)) {
      platform.load();
      assertThatThrownBy(() -> platform.execPlugin("fake").probe())
          .hasMessage(
              "plugin fake serves [chaos:fake] but its descriptor declares [chaos:other] ("
                  + plugins.resolve("fake/plugin.yaml")
                  + ")");
    }
  }

  @Test
  void installTakesAFolderAndLeavesThePluginsAsTheyWereWhenItDoesNotStart() throws Exception {
    Path plugins = home.resolve("plugins");
    Path good = Files.createDirectories(elsewhere.resolve("good"));
    Files.writeString(good.resolve("plugin.yaml"), descriptor("fake", "ok"));
    Path bad = Files.createDirectories(elsewhere.resolve("bad"));
    Files.writeString(bad.resolve("plugin.yaml"), descriptor("fake", "exit-early"));

    try (PluginPlatform platform = new PluginPlatform(plugins)) {
      PluginReport r = platform.install(good);
      assertThat(r.state()).isEqualTo(PluginReport.READY);
      assertThat(plugins.resolve("fake/plugin.yaml")).exists();

      assertThatThrownBy(() -> platform.install(bad))
          .hasMessageContaining("plugin fake did not start")
          .hasMessageContaining("cannot read my settings");
      assertThat(Files.readString(plugins.resolve("fake/plugin.yaml"))).contains("\"ok\"");
      try (var files = Files.list(plugins)) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly("fake");
      }
    }
  }
}

package dev.booty.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.api.HostingProvider;
import dev.booty.core.home.BootyHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution's plugins, kept in the home's plugins folder. */
class BundledPluginsTest {
  @TempDir Path dist;
  @TempDir Path home;

  Path bundled() {
    return dist.resolve("plugins");
  }

  Path plugins() {
    return home.resolve("plugins");
  }

  @Test
  void missingPluginsAreCopiedIn() throws IOException {
    Path acme = PluginJar.plugin("acme").hosting("acme").writeTo(bundled());
    PluginJar.plugin("zeta").writeTo(bundled());

    assertThat(BundledPlugins.sync(bundled(), plugins())).containsExactly("acme.jar", "zeta.jar");

    assertThat(PluginPlatformTest.names(plugins())).containsExactly("acme.jar", "zeta.jar");
    assertThat(Files.mismatch(acme, plugins().resolve("acme.jar"))).isEqualTo(-1);
  }

  @Test
  void identicalFilesAreLeftAloneAndDifferentOnesReplaced() throws IOException {
    PluginJar.plugin("acme").writeTo(bundled());
    PluginJar.plugin("zeta").writeTo(bundled());
    BundledPlugins.sync(bundled(), plugins());
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(plugins().resolve("acme.jar"), old);
    Files.setLastModifiedTime(plugins().resolve("zeta.jar"), old);
    Path newer = PluginJar.plugin("zeta").version("2.0.0").writeTo(bundled());

    assertThat(BundledPlugins.sync(bundled(), plugins())).containsExactly("zeta.jar");

    assertThat(Files.getLastModifiedTime(plugins().resolve("acme.jar"))).isEqualTo(old);
    assertThat(Files.mismatch(newer, plugins().resolve("zeta.jar"))).isEqualTo(-1);
    assertThat(PluginPlatformTest.names(plugins())).containsExactly("acme.jar", "zeta.jar");
    assertThat(BundledPlugins.sync(bundled(), plugins())).isEmpty();
  }

  @Test
  void pluginsOfOtherNamesAndTheStatusFileAreNeverTouched() throws IOException {
    PluginJar.plugin("acme").writeTo(bundled());
    Path mine = PluginJar.plugin("mine").hosting("mine").writeTo(plugins());
    Path broken = PluginJar.garbage(plugins(), "broken.jar", "mine too");
    Files.writeString(plugins().resolve("disabled.txt"), "acme\n");
    Files.writeString(bundled().resolve("notes.txt"), "not a plugin");
    List<String> mineBefore = List.of(Files.readString(broken), String.valueOf(Files.size(mine)));

    BundledPlugins.sync(bundled(), plugins());

    assertThat(PluginPlatformTest.names(plugins()))
        .containsExactly("acme.jar", "broken.jar", "disabled.txt", "mine.jar");
    assertThat(List.of(Files.readString(broken), String.valueOf(Files.size(mine))))
        .isEqualTo(mineBefore);
    assertThat(Files.readString(plugins().resolve("disabled.txt"))).isEqualTo("acme\n");
  }

  @Test
  void aBundledPluginThatBecameAZipReplacesItsOldJar() throws IOException {
    PluginJar.plugin("ssh").hosting("ssh").writeTo(plugins());
    PluginJar.plugin("mine").writeTo(plugins());
    PluginJar.garbage(bundled(), "ssh.zip", "the zip with its libraries");

    assertThat(BundledPlugins.sync(bundled(), plugins())).containsExactly("ssh.zip");

    assertThat(PluginPlatformTest.names(plugins())).containsExactly("mine.jar", "ssh.zip");
  }

  @Test
  void noBundledFolderIsNoPlugins() throws IOException {
    assertThat(BundledPlugins.sync(dist.resolve("absent"), plugins())).isEmpty();
    assertThat(plugins()).doesNotExist();
  }

  @Test
  void theLocationComesFromTheEnvironmentBeforeTheLaunchersProperty() {
    assertThat(BundledPlugins.location(Map.of(BundledPlugins.ENV, "/opt/booty/plugins")))
        .isEqualTo(Path.of("/opt/booty/plugins"));
    String before = System.getProperty(BundledPlugins.PROPERTY);
    System.clearProperty(BundledPlugins.PROPERTY);
    try {
      assertThat(BundledPlugins.location(Map.of())).isNull();
    } finally {
      if (before != null) {
        System.setProperty(BundledPlugins.PROPERTY, before);
      }
    }
  }

  @Test
  void aHomesPlatformHasTheBundledPluginsAndKeepsOneTheUserDisabledOff() {
    PluginJar.plugin("acme").hosting("acme-cloud").writeTo(bundled());
    PluginJar.plugin("zeta").hosting("zeta-cloud").writeTo(bundled());
    BootyHome bootyHome = new BootyHome(home);

    try (PluginPlatform platform = PluginPlatform.forHome(bootyHome, bundled())) {
      assertThat(platform.dir()).isEqualTo(plugins());
      assertThat(platform.load())
          .extracting(PluginReport::state)
          .containsOnly(PluginReport.STARTED);
      platform.disable("zeta");
    }
    PluginJar.plugin("zeta").version("1.1.0").hosting("zeta-cloud").writeTo(bundled());
    try (PluginPlatform platform = PluginPlatform.forHome(bootyHome, bundled())) {
      var reports = PluginPlatformTest.byId(platform.load());
      assertThat(reports.get("zeta").version()).isEqualTo("1.1.0");
      assertThat(reports.get("zeta").state()).isEqualTo(PluginReport.DISABLED);
      assertThat(platform.extensions(HostingProvider.class))
          .extracting(HostingProvider::id)
          .containsExactly("acme-cloud");
    }
  }
}

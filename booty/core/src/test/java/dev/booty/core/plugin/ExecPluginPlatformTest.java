package dev.booty.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.ChaosMode;
import dev.booty.api.ClusterProvider;
import dev.booty.api.DnsChaos;
import dev.booty.api.DnsProvider;
import dev.booty.api.HostingPreview;
import dev.booty.api.HostingProvider;
import dev.booty.api.HostingProvider.DataCenterSpec;
import dev.booty.api.WanEmulation;
import dev.booty.core.plugin.remote.FakeExtensionsPlugin;
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
        timeouts: {start: 60s}
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

  private static String extensionsDescriptor(String id) {
    return """
        id: %s
        version: 0.0.1
        requires: "1.2"
        command: ["${java}", "-XX:TieredStopAtLevel=1", "-cp", "%s", "%s"]
        extensions:
          chaos: [fake-dns-outage]
          cluster: [fake-nats]
          dns: [{id: fake-dns, abilities: [dns-chaos]}]
          hosting: [{id: fake-local, abilities: [wan, preview]}, fake-bare]
        timeouts: {start: 60s}
        """
        .formatted(id, System.getProperty("java.class.path"), FakeExtensionsPlugin.class.getName());
  }

  @Test
  void everyPointsRemoteExtensionsAreFoundByIdBesidePf4jOnes() throws Exception {
    Path plugins = home.resolve("plugins");
    Files.createDirectories(plugins.resolve("fake-ext"));
    Files.writeString(plugins.resolve("fake-ext/plugin.yaml"), extensionsDescriptor("fake-ext"));
    PluginJar.plugin("acme").hosting("acme-cloud").hosting("fake-bare").writeTo(plugins);

    try (PluginPlatform platform = new PluginPlatform(plugins)) {
      platform.load();
      assertThat(platform.plugin("fake-ext").extensions())
          .containsExactly(
              "chaos:fake-dns-outage",
              "cluster:fake-nats",
              "dns:fake-dns[dns-chaos]",
              "hosting:fake-local[preview,wan]",
              "hosting:fake-bare");
      assertThat(platform.extensions(HostingProvider.class))
          .extracting(HostingProvider::id)
          .containsExactly("fake-local", "fake-bare", "acme-cloud", "fake-bare");
      assertThat(platform.extensions(ClusterProvider.class))
          .extracting(ClusterProvider::id)
          .containsExactly("fake-nats");

      HostingProvider local = platform.extension(HostingProvider.class, "fake-local");
      assertThat(local).isInstanceOf(WanEmulation.class).isInstanceOf(HostingPreview.class);
      var context = new RecordingContext(home);
      assertThat(local.provision(new DataCenterSpec("london", 1, 1, Map.of()), context).addresses())
          .containsExactly("127.0.1.1");
      assertThat(
              platform
                  .extension(HostingProvider.class, "acme-cloud")
                  .provision(new DataCenterSpec("london", 2, 1, Map.of()), context)
                  .nomadDatacenter())
          .isEqualTo("acme-cloud-london");
      DnsProvider dns = platform.extension(DnsProvider.class, "fake-dns");
      assertThat(dns).isInstanceOf(DnsChaos.class);
      assertThat(
              platform
                  .extension(ClusterProvider.class, "fake-nats")
                  .access(new ClusterProvider.ClusterSpec("c", "2.11.17", "docker", Map.of())))
          .isEqualTo(new ClusterProvider.ClientAccess(4222, 8222, "/healthz?for=c"));

      // the same id from both kinds of plugin: both owners named
      assertThatThrownBy(() -> platform.extension(HostingProvider.class, "fake-bare"))
          .hasMessage(
              "HostingProvider 'fake-bare' is offered by more than one plugin: fake-ext, acme");
      assertThat(platform.execPlugin("fake-ext").probe().extensions())
          .containsExactlyInAnyOrder(
              "chaos:fake-dns-outage",
              "cluster:fake-nats",
              "dns:fake-dns[dns-chaos]",
              "hosting:fake-local[preview,wan]",
              "hosting:fake-bare");
    }
  }

  @Test
  void anUnknownPointOrAbilityInPluginYamlIsRefusedNamingTheKey() throws Exception {
    Path plugins = home.resolve("plugins");
    Files.createDirectories(plugins.resolve("teleport"));
    Files.writeString(
        plugins.resolve("teleport/plugin.yaml"),
        extensionsDescriptor("teleport").replace("[wan, preview]", "[wan, teleport]"));
    Files.createDirectories(plugins.resolve("storage"));
    Files.writeString(
        plugins.resolve("storage/plugin.yaml"),
        extensionsDescriptor("storage").replace("cluster: [fake-nats]", "storage: [s3]"));
    try (PluginPlatform platform = new PluginPlatform(plugins)) {
      platform.load();
      assertThat(platform.plugin("teleport").reason())
          .isEqualTo(
              plugins.resolve("teleport/plugin.yaml")
                  + ": extensions.hosting[0].abilities: 'teleport' is no ability of hosting;"
                  + " known: preview, resolvers, wan");
      assertThat(platform.plugin("storage").reason())
          .isEqualTo(
              plugins.resolve("storage/plugin.yaml")
                  + ": extensions.storage: unknown extension point; known: chaos, cluster, dns,"
                  + " hosting");
    }
  }

  @Test
  void aPluginThatServesOtherAbilitiesThanDeclaredIsRefusedAtStart() throws Exception {
    Path plugins = home.resolve("plugins");
    Files.createDirectories(plugins.resolve("fake-ext"));
    Files.writeString(
        plugins.resolve("fake-ext/plugin.yaml"),
        extensionsDescriptor("fake-ext").replace("[wan, preview]", "[wan, resolvers]"));
    try (PluginPlatform platform = new PluginPlatform(plugins)) {
      platform.load();
      assertThatThrownBy(() -> platform.execPlugin("fake-ext").probe())
          .hasMessageContaining("but its descriptor declares [")
          .hasMessageContaining("hosting:fake-local[preview,wan]")
          .hasMessageContaining("hosting:fake-local[resolvers,wan]");
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

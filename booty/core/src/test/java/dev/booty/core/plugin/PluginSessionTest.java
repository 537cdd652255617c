package dev.booty.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.ChaosMode;
import dev.booty.api.ClusterProvider;
import dev.booty.api.HostingProvider;
import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.testing.ScenarioPlugins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One load of the plugins, shared: every user gets the same extension instance. */
class PluginSessionTest {
  @TempDir Path home;

  @Test
  void extensionsAreLoadedOnceAndHandedOutAsTheSameInstance() {
    BootyHome h = new BootyHome(home);
    ScenarioPlugins.writeTo(h.plugins());
    List<String> progress = new ArrayList<>();
    try (PluginSession session = PluginSession.open(h, progress::add)) {
      ChaosMode mode = session.mode("dc-outage");

      assertThat(session.extension(ChaosMode.class, "dc-outage")).isSameAs(mode);
      assertThat(session.extension(ClusterProvider.class, "nats").id()).isEqualTo("nats");
      assertThat(session.ids(ChaosMode.class)).containsExactly("dc-outage");
      assertThat(session.ids(HostingProvider.class)).containsExactly("local");
      assertThatThrownBy(() -> session.mode("dc-outrage"))
          .isInstanceOf(BootyException.class)
          .hasMessage("no ChaosMode 'dc-outrage'; available: dc-outage");

      BootyPluginContext ctx =
          session.context(
              new BootyPluginContext.Deployment("s", home.resolve("scenarios/s"), Map.of(), null),
              "local");
      ctx.progress("provisioned");
      assertThat(ctx.workDir()).isEqualTo(home.resolve("scenarios/s/local"));
      assertThat(progress).containsExactly("[local] provisioned");
    }
  }

  @Test
  void aSessionOnALoadedPlatformDoesNotLoadItAgain() {
    BootyHome h = new BootyHome(home);
    ScenarioPlugins.writeTo(h.plugins());
    PluginPlatform platform = PluginPlatform.forHome(h, null);
    platform.load();
    try (PluginSession session =
        PluginSession.loaded(platform, h, new ComponentStore(h), line -> {})) {
      assertThat(session.platform().reports()).hasSize(1);
      assertThat(session.mode("dc-outage").id()).isEqualTo("dc-outage");
    }
  }
}

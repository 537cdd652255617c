package dev.booty.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.core.BootyException;
import dev.booty.core.ExitCode;
import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.install.InstalledVersion;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import dev.booty.core.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterVersionsTest {
  @TempDir Path root;

  private ComponentStore store() {
    return new ComponentStore(new BootyHome(root));
  }

  /** An installed version as install.json records it (no binary is needed to resolve). */
  private void installed(String version) throws Exception {
    BootyHome home = new BootyHome(root);
    Path dir = home.version("nats-server", version);
    Files.createDirectories(dir);
    Json.MAPPER.writeValue(
        dir.resolve(InstalledVersion.FILE).toFile(),
        new InstalledVersion(
            "nats-server",
            version,
            "linux-amd64",
            "nats-server",
            "release",
            "test",
            null,
            "0",
            0,
            "nats-server: v" + version,
            "2025-01-01T00:00:00Z"));
  }

  private void active(String version) throws Exception {
    Files.writeString(new BootyHome(root).activeFile("nats-server"), version + "\n");
  }

  private static Scenario scenario(String version) {
    return ScenarioLoader.parse(
        """
        version: 1
        name: v
        plugins:
          hosting: local
          cluster: nats
        datacenters:
          - name: london
        """
            + (version == null ? "" : "cluster:\n  version: \"" + version + "\"\n"),
        Path.of("v.yaml"));
  }

  @Test
  void anExactInstalledVersionIsItself() throws Exception {
    installed("2.10.27");
    installed("2.11.4");
    active("2.11.4");

    assertThat(ClusterVersions.resolve(scenario("2.10.27"), store())).isEqualTo("2.10.27");
  }

  @Test
  void aLineIsItsNewestInstalledVersionComparedAsNumbers() throws Exception {
    installed("2.11.9");
    installed("2.11.10");
    installed("2.12.0");
    installed("2.1.3");
    active("2.12.0");

    assertThat(ClusterVersions.resolve(scenario("2.11.x"), store())).isEqualTo("2.11.10");
    // 2.1.x is not 2.11.x
    assertThat(ClusterVersions.resolve(scenario("2.1.x"), store())).isEqualTo("2.1.3");
  }

  @Test
  void noVersionIsTheActiveOne() throws Exception {
    installed("2.11.4");
    installed("2.12.0");
    active("2.11.4");

    assertThat(ClusterVersions.resolve(scenario(null), store())).isEqualTo("2.11.4");
  }

  @Test
  void aVersionNotInstalledIsAUsageErrorSayingWhatIsAndHowToInstall() throws Exception {
    installed("2.11.4");
    installed("2.10.27");
    active("2.11.4");

    assertThatThrownBy(() -> ClusterVersions.resolve(scenario("2.12.1"), store()))
        .isInstanceOfSatisfying(
            BootyException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessage(
            "v.yaml: cluster.version: nats-server 2.12.1 is not installed (installed: 2.11.4,"
                + " 2.10.27); run 'booty install nats-server@2.12.1'");
    assertThatThrownBy(() -> ClusterVersions.resolve(scenario("2.9.x"), store()))
        .hasMessage(
            "v.yaml: cluster.version: nats-server 2.9.x is not installed (installed: 2.11.4,"
                + " 2.10.27); run 'booty install nats-server@VERSION'");
  }

  @Test
  void nothingInstalledSaysSo() {
    assertThatThrownBy(() -> ClusterVersions.resolve(scenario(null), store()))
        .isInstanceOf(BootyException.class)
        .hasMessage(
            "v.yaml: cluster.version: no nats-server is installed; run 'booty install nats-server'");
    assertThatThrownBy(() -> ClusterVersions.resolve(scenario("2.11.4"), store()))
        .hasMessageContaining("(installed: none)");
  }
}

package dev.booty.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.plugin.PluginSession;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import dev.booty.core.testing.ScenarioPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan of a run, worked out from the file and real (test) plugins, touching nothing. */
class RunPlannerTest {
  static final Path DC_OUTAGE = Path.of("../../scenarios/dc-outage.yaml");

  @TempDir Path home;
  @TempDir Path dir;
  PluginSession plugins;
  RunPlanner planner;

  @BeforeEach
  void loadPlugins() {
    BootyHome h = new BootyHome(home);
    ScenarioPlugins.writeTo(h.plugins());
    plugins = PluginSession.open(h, line -> {});
    planner = RunPlanner.of(plugins, new ComponentStore(h));
  }

  @AfterEach
  void closePlugins() {
    plugins.close();
  }

  @Test
  void thePlanHasTheDeploymentClientsStepsWithHealRecordsAndTheWatchdog() {
    RunPlan plan = planner.plan(ScenarioLoader.load(DC_OUTAGE), Duration.ofSeconds(15));

    assertThat(plan.scenario()).isEqualTo("local-3dc");
    assertThat(plan.deployment().hosting()).isEqualTo("local");
    assertThat(plan.deployment().dataCentres())
        .containsExactly(
            new RunPlan.DataCentre("london", List.of("lon-1", "lon-2", "lon-3")),
            new RunPlan.DataCentre("amsterdam", List.of("ams-1", "ams-2", "ams-3")),
            new RunPlan.DataCentre("dallas", List.of("dal-1", "dal-2", "dal-3")));
    RunPlan.ClientJob dallas = plan.clients().get(2);
    assertThat(dallas.job()).isEqualTo("local-3dc-clients-dallas");
    assertThat(dallas.clients()).isEqualTo(10);
    assertThat(dallas.processes()).isEqualTo(2);
    assertThat(dallas.seeds())
        .as("by round trip from Dallas")
        .containsExactly("dallas", "london", "amsterdam");
    assertThat(plan.timeline().warmup()).isEqualTo(Duration.ofSeconds(10));
    RunPlan.Step first = plan.timeline().steps().getFirst();
    assertThat(first.action()).isEqualTo("dc-outage");
    assertThat(first.at()).isEqualTo(Duration.ofSeconds(5));
    assertThat(first.healRecord()).isEqualTo(Map.of("dataCenters", "dallas"));
    assertThat(first.takesOut()).containsExactly("dallas");
    assertThat(plan.timeline().steps().get(1).takesOut()).containsExactly("amsterdam");
    assertThat(plan.watchdog())
        .isEqualTo(new RunPlan.Watchdog("local-3dc-watchdog", Duration.ofSeconds(15)));
    assertThat(plan.lines())
        .contains(
            "  data centre dallas: dal-1, dal-2, dal-3",
            "  step 0 at +5s: dc-outage dallas for 25s, takes out dallas",
            "  watchdog job local-3dc-watchdog: heals 15s after booty stops renewing its lease");
  }

  @Test
  void anActionNoChaosModeHasIsRefusedAtItsPosition() throws Exception {
    Scenario s =
        write(
            "    action: dc-outage\n    target: dallas",
            "    action: dc-outrage\n    target: dallas");

    assertThatThrownBy(() -> planner.checkSteps(s))
        .isInstanceOf(BootyException.class)
        .hasMessage(
            s.file() + ":62:13: steps[0].action: no chaos mode 'dc-outrage'; available: dc-outage");
  }

  @Test
  void aTargetThatIsNoDataCentreIsRefusedAtItsPosition() throws Exception {
    Scenario s = write("    target: amsterdam", "    target: [amsterdam, paris]");

    assertThatThrownBy(() -> planner.plan(s, Duration.ofSeconds(15)))
        .isInstanceOf(BootyException.class)
        .hasMessage(
            s.file()
                + ":69:13: steps[1] (dc-outage): no data centre 'paris' (known: london,"
                + " amsterdam, dallas)");
  }

  private Scenario write(String from, String to) throws Exception {
    String text = Files.readString(DC_OUTAGE);
    assertThat(text).contains(from);
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, text.replace(from, to));
    return ScenarioLoader.load(file);
  }
}

package dev.booty.core.run;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosMode;
import dev.booty.api.ClusterProvider;
import dev.booty.core.BootyException;
import dev.booty.core.plugin.PluginSession;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.Step;
import dev.booty.core.verdict.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Works out a {@link RunPlan} from a scenario file and the loaded plugins, touching nothing: every
 * step's action must be a chaos mode and its targets what that mode accepts in the scenario's data
 * centres and servers, or the scenario is refused with the step's file:line:column.
 */
public final class RunPlanner {
  private final PluginSession plugins;
  private final List<String> installed;

  /**
   * @param installed the nats-server versions installed beside each other
   */
  public RunPlanner(PluginSession plugins, List<String> installed) {
    this.plugins = plugins;
    this.installed = List.copyOf(installed);
  }

  /** A planner on the loaded plugins and the nats-server versions installed in {@code store}. */
  public static RunPlanner of(PluginSession plugins, dev.booty.core.install.ComponentStore store) {
    return new RunPlanner(
        plugins,
        store.installed("nats-server").stream()
            .map(dev.booty.core.install.InstalledVersion::version)
            .toList());
  }

  /** Everything a run needs of the file: workload, clients, expectations and its steps. */
  public RunPlan plan(Scenario s, Duration lease) {
    if (s.workload() == null) {
      throw BootyException.usage(s.file() + ": workload: a run needs one (what clients send)");
    }
    if (s.clients().isEmpty()) {
      throw BootyException.usage(s.file() + ": clients: a run needs at least one client group");
    }
    Verdict.check(s);
    BrowserCheck.require(s);
    List<ChaosContext.Site> sites = sites(s);
    List<RunPlan.Step> steps = steps(s, new PlannedChaosContext(s, sites, installed));
    List<RunPlan.DataCentre> dcs =
        sites.stream()
            .map(
                site ->
                    new RunPlan.DataCentre(
                        site.name(),
                        site.servers().stream().map(ChaosContext.Server::name).toList()))
            .toList();
    return new RunPlan(
        s.name(),
        new RunPlan.Deployment(
            s.plugins().hosting(), s.plugins().cluster(), s.cluster().version(), dcs),
        ClientJobs.plan(s),
        new RunPlan.Timeline(s.workload().warmup(), steps, s.workload().settle()),
        new RunPlan.Watchdog(ScenarioRunner.watchdogJob(s), lease));
  }

  /**
   * Checks every step against the loaded chaos modes and the scenario's data centres and servers;
   * returns each step's plan.
   *
   * @throws BootyException (bad usage) {@code FILE:LINE:COLUMN: steps[i].action: ...} for an action
   *     no chaos mode has, {@code FILE:LINE:COLUMN: steps[i].target: ...} for a target its mode
   *     refuses
   */
  public List<RunPlan.Step> checkSteps(Scenario s) {
    if (s.steps().isEmpty()) {
      return List.of();
    }
    return steps(s, new PlannedChaosContext(s, sites(s), installed));
  }

  private List<RunPlan.Step> steps(Scenario s, ChaosContext context) {
    List<RunPlan.Step> out = new ArrayList<>();
    for (int i = 0; i < s.steps().size(); i++) {
      Step step = s.steps().get(i);
      ChaosMode mode = mode(s, i);
      ChaosMode.FaultSpec spec = ScenarioRunner.spec(step);
      Map<String, String> record;
      List<String> takesOut;
      try {
        record = mode.prepare(spec, context);
        takesOut = mode.takesOut(spec, context);
      } catch (IllegalArgumentException e) {
        throw BootyException.usage(
            step.where(s.file(), Step.TARGET)
                + "steps["
                + i
                + "] ("
                + step.action()
                + "): "
                + e.getMessage());
      }
      out.add(
          new RunPlan.Step(
              i, step.at(), step.action(), step.targets(), step.duration(), record, takesOut));
    }
    return out;
  }

  private ChaosMode mode(Scenario s, int i) {
    Step step = s.steps().get(i);
    try {
      return plugins.mode(step.action());
    } catch (BootyException e) {
      throw BootyException.usage(
          step.where(s.file(), Step.ACTION)
              + "steps["
              + i
              + "].action: no chaos mode '"
              + step.action()
              + "'; available: "
              + namesOrNone(plugins.ids(ChaosMode.class)));
    }
  }

  private static String namesOrNone(List<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private List<ChaosContext.Site> sites(Scenario s) {
    ClusterProvider cluster = plugins.extension(ClusterProvider.class, s.plugins().cluster());
    try {
      return PlannedChaosContext.sites(s, cluster);
    } catch (RuntimeException e) {
      throw BootyException.usage(
          s.file() + ": cluster: plugin " + s.plugins().cluster() + ": " + e.getMessage());
    }
  }
}

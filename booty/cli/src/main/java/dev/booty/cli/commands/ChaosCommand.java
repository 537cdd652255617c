package dev.booty.cli.commands;

import dev.booty.cli.CliContext;
import dev.booty.core.run.LeftFaults;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "chaos",
    description = {
      "The faults of scenario runs. A run keeps the faults in force in"
          + " HOME/scenarios/NAME/faults.json with a lease it renews; 'chaos watchdog' heals them"
          + " once the lease runs out (booty scenario run starts it as a Nomad job)."
    },
    subcommands = {ChaosCommand.WatchdogCommand.class, ChaosCommand.Heal.class})
public final class ChaosCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What the watchdog and heal share: the faults a run of the scenario may have left. */
  abstract static class FaultCommand extends ScenarioDeployment {
    @Parameters(paramLabel = "SCENARIO", description = "the scenario's name")
    String scenario;

    FaultCommand(CliContext ctx) {
      super(ctx);
    }

    int withFaults(Work work) throws Exception {
      Consumer<String> log =
          line ->
              ctx.err()
                  .println(
                      Instant.now().truncatedTo(ChronoUnit.MILLIS)
                          + " booty chaos "
                          + scenario
                          + ": "
                          + line);
      try (var plugins = session();
          LeftFaults faults = LeftFaults.of(deployer(plugins), scenario, timeout, log)) {
        return work.run(faults, log);
      }
    }

    interface Work {
      int run(LeftFaults faults, Consumer<String> log) throws Exception;
    }
  }

  @Command(
      name = "watchdog",
      hidden = true,
      description = {
        "Watch a scenario's fault ledger; once booty's lease runs out, heal every fault still"
            + " listed and stop the run's test clients. Ends when the ledger is gone, or expired"
            + " and empty."
      })
  static final class WatchdogCommand extends FaultCommand {
    WatchdogCommand(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() throws Exception {
      return withFaults(
          (faults, log) -> {
            int healed = faults.watch(Duration.ofSeconds(1));
            log.accept("done: healed " + healed + " fault(s)");
            return 0;
          });
    }
  }

  @Command(
      name = "heal",
      description = {
        "Heal every fault a scenario's ledger lists now, whatever its lease says, and stop the"
            + " run's test clients: for a run that went wrong with no watchdog around."
      })
  static final class Heal extends FaultCommand {
    Heal(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() throws Exception {
      return withFaults(
          (faults, log) -> {
            LeftFaults.Healed h = faults.healNow();
            if (output.json) {
              printJson(java.util.Map.of("healed", h.healed(), "of", h.listed()));
            } else {
              ctx.out().println("healed " + h.healed() + " of " + h.listed() + " fault(s)");
            }
            return h.healed() == h.listed() ? 0 : 1;
          });
    }
  }
}

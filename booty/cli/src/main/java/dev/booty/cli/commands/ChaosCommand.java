package dev.booty.cli.commands;

import dev.booty.api.ChaosMode;
import dev.booty.cli.CliContext;
import dev.booty.core.backchannel.ProtocolConnections;
import dev.booty.core.deploy.Deployer;
import dev.booty.core.plugin.PluginPlatform;
import dev.booty.core.run.FaultLedger;
import dev.booty.core.run.Inventory;
import dev.booty.core.run.StackChaosContext;
import dev.booty.core.run.Watchdog;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Clock;
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

  /** What the watchdog and heal share: the scenario's chaos context, built from its inventory. */
  abstract static class FaultCommand extends ScenarioDeployment {
    @Parameters(paramLabel = "SCENARIO", description = "the scenario's name")
    String scenario;

    FaultCommand(CliContext ctx) {
      super(ctx);
    }

    int withContext(Work work) throws Exception {
      Consumer<String> log =
          line ->
              ctx.err()
                  .println(
                      Instant.now().truncatedTo(ChronoUnit.MILLIS)
                          + " booty chaos "
                          + scenario
                          + ": "
                          + line);
      Inventory inventory = Inventory.read(home().root(), scenario);
      try (PluginPlatform plugins = loadedPlugins()) {
        Deployer deployer = deployer(plugins);
        Deployer.Environment env = environment();
        Path creds = env.endpoints().bootyCreds();
        try (Connection nc = ProtocolConnections.connect(env.endpoints().natsUrl(), creds, log)) {
          StackChaosContext chaos =
              StackChaosContext.open(
                  deployer, env, inventory, nc, log, Duration.ofSeconds(timeout));
          FaultLedger ledger =
              new FaultLedger(FaultLedger.file(home().root(), scenario), Clock.systemUTC());
          return work.run(
              ledger, id -> deployer.extension(ChaosMode.class, id), chaos, env, inventory, log);
        }
      }
    }

    interface Work {
      int run(
          FaultLedger ledger,
          java.util.function.Function<String, ChaosMode> modes,
          StackChaosContext chaos,
          Deployer.Environment env,
          Inventory inventory,
          Consumer<String> log)
          throws Exception;
    }

    /** Stops the test clients a run left (their jobs carry the run's id). */
    static void stopClients(Deployer.Environment env, Inventory inventory, Consumer<String> log) {
      for (Inventory.ClientJob c : inventory.clientGroups()) {
        var job = env.nomad().job(c.job());
        if (job != null && !job.path("Stop").asBoolean()) {
          env.nomad().stop(c.job(), true);
          log.accept("stopped the test clients " + c.job());
        }
      }
    }
  }

  @Command(
      name = "watchdog",
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
      return withContext(
          (ledger, modes, chaos, env, inventory, log) -> {
            log.accept("watching " + ledger.file());
            int healed =
                new Watchdog(
                        ledger,
                        modes,
                        chaos,
                        log,
                        Clock.systemUTC(),
                        () -> stopClients(env, inventory, log))
                    .run(Duration.ofSeconds(1));
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
      return withContext(
          (ledger, modes, chaos, env, inventory, log) -> {
            FaultLedger.State s = ledger.read();
            int healed =
                new Watchdog(ledger, modes, chaos, log, Clock.systemUTC(), () -> {}).healAll(s);
            stopClients(env, inventory, log);
            ledger.release();
            ctx.out().println("healed " + healed + " of " + s.faults().size() + " fault(s)");
            return healed == s.faults().size() ? 0 : 1;
          });
    }
  }
}

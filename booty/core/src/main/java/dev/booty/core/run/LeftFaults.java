package dev.booty.core.run;

import dev.booty.core.backchannel.protocol.ProtocolConnections;
import dev.booty.core.deploy.Deployer;
import dev.booty.core.nomad.JobStops;
import dev.booty.core.verdict.Inventory;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The faults a run of a scenario may have left, for {@code booty chaos watchdog} and {@code booty
 * chaos heal}: the scenario's fault ledger, its chaos context (from the inventory the run wrote)
 * and the chaos modes of the deployer's plugin session, which heal them.
 */
public final class LeftFaults implements AutoCloseable {
  private final Deployer deployer;
  private final Deployer.Environment env;
  private final Inventory inventory;
  private final Consumer<String> log;
  private final Connection backChannel;
  private final StackChaosContext chaos;
  private final FaultLedger ledger;

  /** How many faults {@link #healNow} found and healed. */
  public record Healed(int healed, int listed) {}

  private LeftFaults(Deployer deployer, String scenario, Duration timeout, Consumer<String> log) {
    this.deployer = deployer;
    this.env = deployer.environment();
    this.log = log;
    Path home = env.home().root();
    this.inventory = Inventory.read(home, scenario);
    Path creds = env.endpoints().bootyCreds();
    this.backChannel = ProtocolConnections.connect(env.endpoints().natsUrl(), creds, log);
    this.chaos = StackChaosContext.open(deployer, env, inventory, backChannel, log, timeout);
    this.ledger = new FaultLedger(FaultLedger.file(home, scenario), Clock.systemUTC());
  }

  /**
   * The leftovers of {@code scenario}'s runs on the deployment {@code deployer} acts on.
   *
   * @param timeout how long a heal waits for servers to be healthy
   */
  public static LeftFaults of(
      Deployer deployer, String scenario, Duration timeout, Consumer<String> log) {
    return new LeftFaults(deployer, scenario, timeout, log);
  }

  /** Watches the ledger until the run ends or its lease runs out, then heals; returns how many. */
  public int watch(Duration poll) throws InterruptedException {
    log.accept("watching " + ledger.file());
    return watchdog(this::stopClients).run(poll);
  }

  /** Heals every listed fault now, whatever the lease says, stops the clients, ends the lease. */
  public Healed healNow() {
    FaultLedger.State s = ledger.read();
    int healed = watchdog(() -> {}).healAll(s);
    stopClients();
    ledger.release();
    return new Healed(healed, s.faults().size());
  }

  private Watchdog watchdog(Runnable onExpired) {
    return new Watchdog(ledger, deployer.plugins()::mode, chaos, log, Clock.systemUTC(), onExpired);
  }

  /** Stops the test clients a run left (their jobs carry the run's id). */
  private void stopClients() {
    List<String> jobs = new ArrayList<>();
    for (Inventory.ClientJob c : inventory.clientGroups()) {
      var job = env.nomad().job(c.job());
      if (job != null && !job.path("Stop").asBoolean()) {
        jobs.add(c.job());
      }
    }
    Map<String, Integer> left =
        JobStops.stopAndPurge(env.nomad(), jobs, ScenarioRunner.CLIENTS_STOP);
    for (String job : jobs) {
      log.accept(
          left.containsKey(job)
              ? "could not stop the test clients " + job + ": " + left.get(job) + " still run"
              : "stopped the test clients " + job);
    }
  }

  @Override
  public void close() {
    try {
      backChannel.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.booty.core.run;

import dev.booty.api.ChaosContext;
import dev.booty.api.PluginContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The chaos context one step's mode acts through: every action goes on to the scenario's {@link
 * StackChaosContext}, and the first one that puts a fault in force is noted as the moment the step
 * took effect, so detection is measured from the fault and booty's own delay in injecting it is a
 * figure of its own. For signals, the fault takes effect when the agent signals the first of the
 * servers and is in force once it has signalled the last (their agents' clocks); for a WAN path,
 * both when the path was changed; for stopping servers, upgrading one or scaling clients, when
 * booty asked for it; for a data centre's DNS, when booty asked its DNS plugin.
 */
final class StepChaos implements ChaosContext {
  private final StackChaosContext stack;
  private final AtomicReference<StackChaosContext.Signalled> effective = new AtomicReference<>();

  StepChaos(StackChaosContext stack) {
    this.stack = stack;
  }

  /** When the step's fault took effect; null while (or if) no action has. */
  Instant effectiveAt() {
    StackChaosContext.Signalled s = effective.get();
    return s == null ? null : s.first();
  }

  /** When the step's fault was in force (the last server signalled); null as above. */
  Instant inForceAt() {
    StackChaosContext.Signalled s = effective.get();
    return s == null ? null : s.last();
  }

  private void tookEffect(Instant at) {
    tookEffect(new StackChaosContext.Signalled(at, at));
  }

  private void tookEffect(StackChaosContext.Signalled at) {
    effective.compareAndSet(null, at);
  }

  @Override
  public void signal(List<String> servers, Signal signal) {
    StackChaosContext.Signalled at = stack.signalled(servers, signal);
    if (signal != Signal.CONT) {
      tookEffect(at);
    }
  }

  @Override
  public void servers(String dataCenter, boolean running) {
    Instant asked = Instant.now();
    stack.servers(dataCenter, running);
    if (!running) {
      tookEffect(asked);
    }
  }

  @Override
  public void upgrade(String server, String version) {
    tookEffect(Instant.now());
    stack.upgrade(server, version);
  }

  @Override
  public void path(String a, String b, Path state) {
    stack.path(a, b, state);
    tookEffect(Instant.now());
  }

  @Override
  public void dns(String dataCenter, dev.booty.api.DnsChaos.State state) {
    Instant asked = Instant.now();
    stack.dns(dataCenter, state);
    if (state != dev.booty.api.DnsChaos.State.SERVING) {
      tookEffect(asked);
    }
  }

  @Override
  public void scaleClients(String dataCenter, int count) {
    tookEffect(Instant.now());
    stack.scaleClients(dataCenter, count);
  }

  @Override
  public void scaleClients(String dataCenter, String group, int count) {
    tookEffect(Instant.now());
    stack.scaleClients(dataCenter, group, count);
  }

  @Override
  public int clients(String dataCenter, String group) {
    return stack.clients(dataCenter, group);
  }

  @Override
  public PluginContext plugin() {
    return stack.plugin();
  }

  @Override
  public List<Site> sites() {
    return stack.sites();
  }

  @Override
  public Duration rtt(String a, String b) {
    return stack.rtt(a, b);
  }

  @Override
  public String version(String server) {
    return stack.version(server);
  }

  @Override
  public List<String> installedVersions() {
    return stack.installedVersions();
  }

  @Override
  public int clients(String dataCenter) {
    return stack.clients(dataCenter);
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    stack.sleep(duration);
  }
}

package dev.booty.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A kind of fault: rolling upgrade, DC outage, flapping, partial outage, client scaling, latency.
 * Every fault heals: when its duration ends, when the run is interrupted, and through its lease
 * when booty itself dies.
 */
public interface ChaosMode extends BootyExtension {

  /** Starts the fault; the result heals it. */
  ActiveFault inject(FaultSpec fault, PluginContext context);

  /**
   * One step of a scenario's timeline.
   *
   * @param targets data centres, servers or paths, as the mode defines them
   */
  record FaultSpec(List<String> targets, Duration duration, Map<String, String> options) {}

  /** A fault in force. */
  interface ActiveFault {
    /** Undoes the fault; safe to call more than once. */
    void heal();
  }
}

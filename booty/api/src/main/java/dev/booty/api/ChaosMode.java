package dev.booty.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A kind of fault a scenario step names in {@code action}: rolling upgrade, DC outage, flapping,
 * partial outage, client scaling, latency. A mode decides what to do; {@link ChaosContext} gives it
 * the means (servers, WAN paths, clients).
 *
 * <p>Every fault heals: when its duration ends, when the run is interrupted, and when booty itself
 * dies, through the lease booty keeps on it (a watchdog calls {@link #heal} with the record once
 * the lease runs out). So healing works from the record alone, in another process.
 */
public interface ChaosMode extends BootyExtension {

  /**
   * Checks the step against the scenario and says what healing it will need. Touches nothing, so a
   * bad step is refused before a run starts.
   *
   * @return the heal record: plain strings, enough for {@link #heal} in another process
   * @throws IllegalArgumentException naming the target or option that is wrong
   */
  Map<String, String> prepare(FaultSpec fault, ChaosContext context);

  /**
   * Puts the fault in force. Modes that act once return as soon as it holds; modes that act on a
   * schedule (flapping, a rolling upgrade) return when the schedule ends. Interruption means stop
   * now: booty heals next.
   */
  void inject(FaultSpec fault, Map<String, String> record, ChaosContext context)
      throws InterruptedException;

  /** Undoes the fault; safe to call more than once and after a partial inject. */
  void heal(Map<String, String> record, ChaosContext context);

  /**
   * What the fault makes unavailable while it holds, by name: whole data centres (an outage) and
   * single servers (killed or frozen); booty judges their clients as cut off. None by default: a
   * mode that slows, cuts or scales something leaves every server up.
   *
   * @throws IllegalArgumentException like {@link #prepare}, for a target that is wrong
   */
  default List<String> takesOut(FaultSpec fault, ChaosContext context) {
    return List.of();
  }

  /**
   * One step of a scenario's timeline.
   *
   * @param targets data centres, servers or paths, as the mode defines them
   * @param duration how long the fault lasts; null when the step gives none (the mode decides)
   * @param options the step's settings, as written
   */
  record FaultSpec(List<String> targets, Duration duration, Map<String, String> options) {
    public FaultSpec {
      targets = List.copyOf(targets);
      options = Map.copyOf(options);
    }
  }
}

package dev.booty.core.verdict;

import dev.booty.core.scenario.Step;
import java.time.Instant;
import java.util.List;

/**
 * How one step of the timeline went.
 *
 * @param healed when its fault was healed (null when the run broke before)
 * @param faulted the data centres it made unhealthy (outage, flapping)
 * @param error what failed injecting or healing it; null when nothing did
 * @param effective when its fault took effect (the first server signalled, by its agent's clock);
 *     null when booty does not know (detection is then measured from {@code started})
 * @param inForce when its fault was fully in force (the last server signalled); null as above
 */
public record StepRun(
    int index,
    Step step,
    Instant started,
    Instant healed,
    List<String> faulted,
    String error,
    Instant effective,
    Instant inForce) {
  public StepRun {
    faulted = List.copyOf(faulted);
  }

  /** What detection and reconnection are measured from. */
  public Instant effectiveOrStarted() {
    return effective == null ? started : effective;
  }
}

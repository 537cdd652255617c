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
 */
public record StepRun(
    int index, Step step, Instant started, Instant healed, List<String> faulted, String error) {
  public StepRun {
    faulted = List.copyOf(faulted);
  }
}

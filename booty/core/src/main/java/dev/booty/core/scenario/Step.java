package dev.booty.core.scenario;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a scenario's timeline: a fault a chaos mode injects.
 *
 * @param at when, from the start of the run
 * @param action the chaos mode's id, e.g. {@code dc-outage}
 * @param targets what the mode acts on (data centres, servers, paths, as the mode defines); a
 *     single {@code target} is a list of one; empty when not written
 * @param duration how long the fault lasts; null when not written (the mode decides)
 * @param options settings for the chaos mode, as written
 */
public record Step(
    Duration at,
    String action,
    List<String> targets,
    Duration duration,
    Map<String, String> options) {
  public Step {
    targets = List.copyOf(targets);
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }
}

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
 * @param positions where the step's keys stand in the file ({@code action}, {@code target}), for
 *     errors found after loading; not part of what the step is (equality ignores them)
 */
public record Step(
    Duration at,
    String action,
    List<String> targets,
    Duration duration,
    Map<String, String> options,
    Map<String, Position> positions) {
  public static final String ACTION = "action";
  public static final String TARGET = "target";

  public Step {
    targets = List.copyOf(targets);
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    positions = Map.copyOf(positions);
  }

  public Step(
      Duration at,
      String action,
      List<String> targets,
      Duration duration,
      Map<String, String> options) {
    this(at, action, targets, duration, options, Map.of());
  }

  /**
   * {@code FILE:LINE:COLUMN: } of a key ({@link #ACTION}, {@link #TARGET}); of the action when the
   * key is not written; {@code FILE: } when the step was not read from a file.
   */
  public String where(java.nio.file.Path file, String key) {
    Position p = positions.getOrDefault(key, positions.get(ACTION));
    return file + (p == null ? "" : ":" + p) + ": ";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Step t
        && at.equals(t.at)
        && action.equals(t.action)
        && targets.equals(t.targets)
        && java.util.Objects.equals(duration, t.duration)
        && options.equals(t.options);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(at, action, targets, duration, options);
  }
}

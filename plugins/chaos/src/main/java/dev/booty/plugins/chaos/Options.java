package dev.booty.plugins.chaos;

import dev.booty.api.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A step's options, read by name. Every reader throws {@link IllegalArgumentException} naming the
 * option and the value it could not use.
 */
final class Options {
  private final Map<String, String> values;

  private Options(Map<String, String> values) {
    this.values = values;
  }

  /**
   * The options of a step whose mode knows the given names.
   *
   * @throws IllegalArgumentException for an option the mode does not know, listing those it does
   */
  static Options of(Map<String, String> options, String... known) {
    List<String> names = Arrays.asList(known);
    for (String name : new TreeSet<>(options.keySet())) {
      if (!names.contains(name)) {
        throw new IllegalArgumentException(
            "unknown option '"
                + name
                + "' "
                + (names.isEmpty() ? "(this mode takes none)" : "(known: " + join(names) + ")"));
      }
    }
    return new Options(options);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  Optional<String> text(String name) {
    return Optional.ofNullable(values.get(name)).map(String::strip);
  }

  String required(String name, String what) {
    return text(name)
        .filter(v -> !v.isEmpty())
        .orElseThrow(
            () -> new IllegalArgumentException("option '" + name + "' is required (" + what + ")"));
  }

  /** One of the allowed words; {@code fallback} when the step does not set the option. */
  String choice(String name, String fallback, String... allowed) {
    String v = text(name).orElse(fallback);
    if (!Arrays.asList(allowed).contains(v)) {
      throw new IllegalArgumentException(
          "option '" + name + "': '" + v + "' is not one of " + join(Arrays.asList(allowed)));
    }
    return v;
  }

  Duration duration(String name, Duration fallback) {
    return text(name).map(v -> durationOf(name, v)).orElse(fallback);
  }

  /** A duration more than zero. */
  Duration positiveDuration(String name, Duration fallback) {
    Duration d = duration(name, fallback);
    if (d.isZero()) {
      throw new IllegalArgumentException("option '" + name + "': must be more than 0");
    }
    return d;
  }

  Duration requiredDuration(String name) {
    return durationOf(name, required(name, "a duration, e.g. " + Durations.EXAMPLES));
  }

  /**
   * {@code text} read with booty's duration grammar ({@link Durations#parse}), zero or more.
   *
   * @throws IllegalArgumentException naming the option and the text
   */
  static Duration durationOf(String option, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("option '" + option + "': " + e.getMessage(), e);
    }
  }

  /** A whole number from {@code min} to {@code max}. */
  int integer(String name, int min, int max) {
    String v = required(name, "a whole number from " + min + " to " + max);
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "option '" + name + "': '" + v + "' is not a whole number", e);
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          "option '" + name + "': " + n + " is not from " + min + " to " + max);
    }
    return n;
  }

  /** A share from 0 to 1, e.g. {@code 0.25}. */
  double fraction(String name, double fallback) {
    Optional<String> v = text(name);
    if (v.isEmpty()) {
      return fallback;
    }
    double d;
    try {
      d = Double.parseDouble(v.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "option '" + name + "': '" + v.get() + "' is not a number from 0 to 1", e);
    }
    if (!(d >= 0 && d <= 1)) {
      throw new IllegalArgumentException(
          "option '" + name + "': " + v.get() + " is not from 0 to 1");
    }
    return d;
  }

  boolean bool(String name, boolean fallback) {
    return switch (text(name).orElse(String.valueOf(fallback))) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              "option '" + name + "': '" + values.get(name) + "' is not true or false");
    };
  }

  static String join(List<String> names) {
    return String.join(", ", names);
  }
}

package dev.booty.core.scenario;

/**
 * A condition on a metric that makes the verdict of a run.
 *
 * @param metric e.g. {@code reconnect_p99}
 * @param value the bound as written, e.g. {@code 5s}; the metric's consumer reads it
 * @param kind the client kind whose figures it judges ({@code jvm}, {@code browser}); null for
 *     every client, whatever runs it
 */
public record Expectation(String metric, Comparison comparison, String value, String kind) {

  /** An expectation on the figures of every client. */
  public Expectation(String metric, Comparison comparison, String value) {
    this(metric, comparison, value, null);
  }

  /** How the metric compares to the value; the names are the scenario file's keys. */
  public enum Comparison {
    BELOW,
    ABOVE,
    EQUALS;

    /** The key in the scenario file: {@code below}, {@code above}, {@code equals}. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}

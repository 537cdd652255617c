package dev.booty.plugins.chaos;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in a step's options, written the way scenario files write them: {@code 500ms}, {@code
 * 1.5s}, {@code 2m}, {@code 1h}, {@code 1m30s}, or {@code 0}. Never negative.
 */
final class Durations {
  static final String EXAMPLES = "500ms, 5s, 1.5s, 2m or 1m30s";

  private static final Pattern WHOLE = Pattern.compile("(\\d+(\\.\\d+)?(ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
  private static final Map<String, Long> NANOS =
      Map.of("ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

  private Durations() {}

  /**
   * Reads the duration an option holds.
   *
   * @param option the option's name, for the message
   * @throws IllegalArgumentException naming the option and the text when it is no duration
   */
  static Duration parse(String option, String text) {
    String t = text.strip();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    if (!WHOLE.matcher(t).matches()) {
      throw new IllegalArgumentException(
          "option '" + option + "': '" + text + "' is not a duration (e.g. " + EXAMPLES + ")");
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher m = PART.matcher(t);
    while (m.find()) {
      nanos =
          nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
    }
    try {
      return Duration.ofNanos(nanos.toBigInteger().longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "option '" + option + "': '" + text + "' is too long a duration", e);
    }
  }

  /** The short form {@link #parse} reads back: {@code 300ms}, {@code 5s}, {@code 1m30s}. */
  static String format(Duration d) {
    if (d.isZero()) {
      return "0";
    }
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      return plain(BigDecimal.valueOf(d.toNanos()).movePointLeft(6)) + "ms";
    }
    StringBuilder sb = new StringBuilder();
    if (d.toHours() > 0) {
      sb.append(d.toHours()).append('h');
    }
    if (d.toMinutesPart() > 0) {
      sb.append(d.toMinutesPart()).append('m');
    }
    BigDecimal seconds =
        BigDecimal.valueOf(d.toSecondsPart())
            .add(BigDecimal.valueOf(d.toNanosPart()).movePointLeft(9));
    if (seconds.signum() > 0) {
      sb.append(plain(seconds)).append('s');
    }
    return sb.toString();
  }

  private static String plain(BigDecimal n) {
    return n.stripTrailingZeros().toPlainString();
  }
}

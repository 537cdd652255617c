package dev.booty.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * booty's one duration grammar, Go style as scenario files write it: {@code 500ms}, {@code 1.5s},
 * {@code 2m}, {@code 1h}, {@code 1m30s} (units ms, s, m, h, summed), or a plain {@code 0}. Scenario
 * files, chaos plugins' options and every command-line option read durations with it.
 */
public final class Durations {
  /** What a duration looks like, for error messages and help texts. */
  public static final String EXAMPLES = "500ms, 5s, 1.5s, 2m or 1m30s";

  private static final Pattern WHOLE = Pattern.compile("[-+]?(\\d+(\\.\\d+)?(ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
  private static final Map<String, Long> NANOS =
      Map.of("ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

  private Durations() {}

  /**
   * Reads a duration of zero or more; surrounding blanks are ignored.
   *
   * @throws IllegalArgumentException naming {@code text} and what a duration looks like when it is
   *     none, or is negative
   */
  public static Duration parse(String text) {
    if (text != null && text.strip().startsWith("-")) {
      throw notADuration(text);
    }
    return parseSigned(text);
  }

  /**
   * Reads a duration that may carry a sign: a leading {@code -} gives a negative one (for callers
   * that reject it with a message of their own).
   *
   * @throws IllegalArgumentException naming {@code text} and what a duration looks like
   */
  public static Duration parseSigned(String text) {
    if (text == null) {
      throw notADuration("");
    }
    String t = text.strip();
    if (t.equals("0") || t.equals("-0") || t.equals("+0")) {
      return Duration.ZERO;
    }
    if (!WHOLE.matcher(t).matches()) {
      throw notADuration(text);
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher m = PART.matcher(t);
    while (m.find()) {
      nanos =
          nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
    }
    try {
      Duration d = Duration.ofNanos(nanos.toBigInteger().longValueExact());
      return t.startsWith("-") ? d.negated() : d;
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is too long a duration", e);
    }
  }

  /** The short form {@link #parseSigned} reads back: {@code 8ms}, {@code 1.5s}, {@code 1m30s}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0";
    }
    if (d.isNegative()) {
      return "-" + format(d.negated());
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

  private static IllegalArgumentException notADuration(String text) {
    return new IllegalArgumentException("'" + text + "' is not a duration (e.g. " + EXAMPLES + ")");
  }

  private static String plain(BigDecimal n) {
    return n.stripTrailingZeros().toPlainString();
  }
}

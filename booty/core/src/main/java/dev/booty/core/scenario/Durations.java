package dev.booty.core.scenario;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as scenario files write them, Go style: {@code 8ms}, {@code 1.5s}, {@code 2m}, {@code
 * 1h}, {@code 1m30s}, or a plain {@code 0}.
 */
public final class Durations {
  /** What a duration looks like, for error messages and the JSON schema. */
  public static final String EXAMPLES = "8ms, 1.5s, 2m, 1h or 1m30s";

  private static final Pattern WHOLE = Pattern.compile("[-+]?(\\d+(\\.\\d+)?(ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
  private static final Map<String, Long> NANOS =
      Map.of("ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

  private Durations() {}

  /**
   * Reads a duration; a leading {@code -} gives a negative one (callers reject it where it makes no
   * sense).
   *
   * @throws IllegalArgumentException when {@code text} is not a duration
   */
  public static Duration parse(String text) {
    String t = text.strip();
    if (t.equals("0") || t.equals("-0") || t.equals("+0")) {
      return Duration.ZERO;
    }
    if (!WHOLE.matcher(t).matches()) {
      throw new IllegalArgumentException(
          "expected a duration like " + EXAMPLES + ", got '" + text + "'");
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
      throw new IllegalArgumentException("duration '" + text + "' is too long");
    }
  }

  /** The short form {@link #parse} reads back: {@code 8ms}, {@code 1.5s}, {@code 1m30s}. */
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

  private static String plain(BigDecimal n) {
    return n.stripTrailingZeros().toPlainString();
  }
}

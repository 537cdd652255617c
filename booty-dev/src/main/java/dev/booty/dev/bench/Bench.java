package dev.booty.dev.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What every benchmark shares: timing a step, the figures' formats, progress lines. */
public final class Bench {
  private Bench() {}

  /** A step to time. */
  public interface Step {
    void run() throws Exception;
  }

  /** Seconds {@code step} took. */
  public static double seconds(Step step) throws Exception {
    long start = System.nanoTime();
    step.run();
    return (System.nanoTime() - start) / 1e9;
  }

  /** Milliseconds since {@code startNanos} (a {@link System#nanoTime}). */
  static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  /** {@code v} with no decimals. */
  public static String f0(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }

  /** {@code v} with two decimals. */
  public static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** {@code v} with two decimals, {@code ?} when negative (not measured). */
  public static String f2OrUnknown(double v) {
    return v < 0 ? "?" : f2(v);
  }

  /** {@code d} as {@code 1.23 ms}, {@code none} when null (nothing came back). */
  public static String ms(Double d, String none) {
    return d == null ? none : String.format(Locale.ROOT, "%.2f ms", d);
  }

  /** The processors this JVM sees. */
  public static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** The machine's 1-minute load average, from /proc/loadavg; "?" when unreadable. */
  public static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException | RuntimeException e) {
      return "?";
    }
  }

  /** A progress line on {@code err}: {@code ==> line}. */
  public static void progress(PrintStream err, String line) {
    err.println("==> " + line);
  }
}

package dev.booty.core.util;

/**
 * What long work reports while it runs; the CLI draws it (bars, steps, elapsed time), scripts get
 * nothing. Implementations must be thread-safe.
 */
public interface Progress {

  /** A new step of the work on {@code component}: "downloading", "go build", "verifying". */
  void step(String component, String message);

  /** Bytes transferred so far; {@code total} is -1 when unknown. */
  void bytes(String component, long done, long total);

  /** One line of a tool's output (go, apt); shown only when asked to be verbose. */
  default void detail(String component, String line) {}

  static Progress silent() {
    return new Progress() {
      @Override
      public void step(String component, String message) {}

      @Override
      public void bytes(String component, long done, long total) {}
    };
  }
}

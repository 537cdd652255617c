package dev.booty.plugins.chaos;

/** Interruption means stop now: booty heals next. */
final class Interrupts {
  private Interrupts() {}

  /** Throws (clearing the flag) when the injecting thread was interrupted. */
  static void check() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted: booty heals next");
    }
  }
}

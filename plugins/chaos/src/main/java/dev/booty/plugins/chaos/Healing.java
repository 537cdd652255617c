package dev.booty.plugins.chaos;

/**
 * Runs every action of a heal even when one fails, so one stubborn server does not leave the rest
 * of the fault in place; the first failure is thrown at the end with the others suppressed.
 */
final class Healing {
  private final String mode;
  private IllegalStateException failure;

  Healing(String mode) {
    this.mode = mode;
  }

  void attempt(String action, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      if (failure == null) {
        failure =
            new IllegalStateException(
                mode + " did not heal fully: " + action + " failed: " + e.getMessage(), e);
      } else {
        failure.addSuppressed(e);
      }
    }
  }

  /**
   * @throws IllegalStateException when an action failed
   */
  void done() {
    if (failure != null) {
      throw failure;
    }
  }
}

package dev.booty.plugins.chaos;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosContext.Path;
import dev.booty.api.ChaosContext.Signal;
import java.util.List;

/**
 * The one way every mode heals: thaw frozen servers, run stopped server jobs again, restore WAN
 * paths. Every action is attempted even when one fails, so one stubborn server does not leave the
 * rest of the fault in place; {@link #done} throws the first failure with the others suppressed.
 */
final class Healing {
  private final String mode;
  private final ChaosContext context;
  private IllegalStateException failure;

  Healing(String mode, ChaosContext context) {
    this.mode = mode;
    this.context = context;
  }

  /** Lets frozen servers go on (SIGCONT); nothing to do for none. */
  Healing thaw(List<String> servers) {
    if (!servers.isEmpty()) {
      attempt("thawing " + Options.join(servers), () -> context.signal(servers, Signal.CONT));
    }
    return this;
  }

  /** Runs the data centres' server jobs again and waits for their servers to be healthy. */
  Healing start(List<String> dataCenters) {
    for (String dc : dataCenters) {
      attempt("starting " + dc + "'s servers", () -> context.servers(dc, true));
    }
    return this;
  }

  /** Gives the paths back their configured state. */
  Healing restore(List<Pair> paths) {
    for (Pair p : paths) {
      attempt("restoring path " + p, () -> context.path(p.a(), p.b(), Path.configured()));
    }
    return this;
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

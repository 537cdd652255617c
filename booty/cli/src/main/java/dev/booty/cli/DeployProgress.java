package dev.booty.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Progress lines of deploy and destroy on stderr. A line about a Nomad deployment or evaluation
 * ({@code deployment 1a2b3c4d: running ...}) is a status that changes: on a terminal each one keeps
 * a single line, redrawn in place (ANSI) until it ends; otherwise it is printed only when it
 * changed. Other lines are printed as they come.
 */
public final class DeployProgress implements Consumer<String> {
  private static final Pattern STATUS =
      Pattern.compile("^((?:deployment|evaluation) [0-9a-f]{8}): (\\S+)");
  private static final java.util.Set<String> ENDED =
      java.util.Set.of("successful", "failed", "cancelled", "canceled", "complete");

  private final PrintStream err;
  private final boolean terminal;
  private final String prefix;

  /** The live lines at the bottom of a terminal, by key; the last line of each key elsewhere. */
  private final Map<String, String> live = new LinkedHashMap<>();

  private int drawn;

  public DeployProgress(PrintStream err, boolean terminal, String prefix) {
    this.err = err;
    this.terminal = terminal;
    this.prefix = prefix;
  }

  @Override
  public synchronized void accept(String line) {
    Matcher m = STATUS.matcher(line);
    if (!m.find()) {
      above(line);
      return;
    }
    String key = m.group(1);
    boolean ended = ENDED.contains(m.group(2));
    if (!terminal) {
      if (!line.equals(live.put(key, line))) {
        err.println(prefix + line);
      }
      return;
    }
    if (ended) {
      // its last state stays on screen, above the lines still live
      live.remove(key);
      above(line);
    } else {
      live.put(key, line);
      redraw();
    }
  }

  /** Ends the live lines (before a command prints its result). */
  public synchronized void finish() {
    if (terminal) {
      live.clear();
      redraw();
    }
  }

  /** A line printed for good, above the live ones. */
  private void above(String line) {
    if (!terminal) {
      err.println(prefix + line);
      return;
    }
    clear();
    err.println(prefix + line);
    drawn = 0;
    redraw();
  }

  private void redraw() {
    clear();
    for (String l : live.values()) {
      err.print("\033[2K" + prefix + l + "\n");
    }
    drawn = live.size();
    err.flush();
  }

  /** Moves back to the first live line and clears from there down. */
  private void clear() {
    if (drawn > 0) {
      err.print("\033[" + drawn + "F");
    }
    err.print("\r\033[J");
  }
}

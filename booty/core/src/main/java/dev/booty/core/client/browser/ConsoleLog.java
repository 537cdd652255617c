package dev.booty.core.client.browser;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import org.openqa.selenium.logging.LogEntry;

/**
 * The page's console as the host saw it: every line goes to the host's log at once (so Nomad's
 * stderr of the allocation has all of it) and the latest {@link #KEEP} are kept for a BROKEN
 * message. Thread-safe.
 */
final class ConsoleLog {
  /** How many of the latest lines a BROKEN message carries. */
  static final int KEEP = 100;

  private final ArrayDeque<String> lines = new ArrayDeque<>();
  private final Consumer<String> log;

  ConsoleLog(Consumer<String> log) {
    this.log = log;
  }

  /** One console entry of Chromium's log: {@code LEVEL message}. */
  void add(LogEntry entry) {
    add(label(entry.getLevel()) + " " + entry.getMessage());
  }

  synchronized void add(String line) {
    log.accept("console " + line);
    lines.addLast(line);
    while (lines.size() > KEEP) {
      lines.removeFirst();
    }
  }

  /** The latest lines, oldest first. */
  synchronized List<String> latest() {
    return List.copyOf(lines);
  }

  /** Chromium's console levels as the console shows them (Chromium logs them as JUL levels). */
  private static String label(Level level) {
    if (level.intValue() >= Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (level.intValue() >= Level.WARNING.intValue()) {
      return "WARN";
    }
    return level.intValue() >= Level.INFO.intValue() ? "INFO" : "DEBUG";
  }
}

package dev.booty.core.run;

import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.plugin.PluginPlatform;
import dev.booty.core.plugin.PluginSession;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioChecks;
import dev.booty.core.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * {@code booty scenario validate} beyond the file itself: the expectations, the plugins it names
 * against the installed ones, and every step's action and targets against the loaded chaos modes
 * and the scenario's data centres and servers. Creates nothing.
 */
public final class ScenarioCheck {
  /** How far the plugins were checked. */
  public enum Plugins {
    CHECKED,
    NONE_INSTALLED,
    SKIPPED
  }

  private ScenarioCheck() {}

  /**
   * Checks {@code s}; with {@code plugins} false, or without a plugin in the home or the
   * distribution ({@code bundled}, may be null), only what the file alone tells.
   *
   * @throws BootyException (bad usage) with the file:line:column of what is wrong
   */
  public static Plugins check(Scenario s, BootyHome home, Path bundled, boolean plugins) {
    Verdict.check(s);
    if (!plugins) {
      return Plugins.SKIPPED;
    }
    if (!hasPluginFiles(home.plugins()) && (bundled == null || !hasPluginFiles(bundled))) {
      return Plugins.NONE_INSTALLED;
    }
    try (PluginSession session =
        PluginSession.open(
            PluginPlatform.forHome(home, bundled), home, new ComponentStore(home), line -> {})) {
      ScenarioChecks.checkPlugins(s, ScenarioChecks.availablePlugins(session.platform()));
      RunPlanner.of(session, new ComponentStore(home)).checkSteps(s);
    }
    return Plugins.CHECKED;
  }

  private static boolean hasPluginFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .anyMatch(n -> !n.startsWith(".") && (n.endsWith(".zip") || n.endsWith(".jar")));
    } catch (IOException e) {
      throw BootyException.failure("cannot list " + dir + ": " + e.getMessage());
    }
  }
}

package dev.booty.core.plugin;

import dev.booty.api.ApiVersion;
import java.util.HashSet;
import java.util.Set;

/** What booty checks of a plugin beyond PF4J, and how it words a plugin's failure. */
final class PluginChecks {
  private PluginChecks() {}

  /**
   * Why a plugin built for the API version {@code requires} ({@code Plugin-Requires}) cannot run
   * here, or null when it can.
   */
  static String apiProblem(String requires) {
    if (requires == null || requires.isBlank() || requires.equals("*")) {
      return "declares no booty API version (Plugin-Requires: " + ApiVersion.CURRENT + ")";
    }
    ApiVersion wanted;
    try {
      wanted = ApiVersion.parse(requires);
    } catch (IllegalArgumentException e) {
      return "Plugin-Requires '" + requires + "' is not a booty API version MAJOR.MINOR";
    }
    return ApiVersion.CURRENT.accepts(wanted)
        ? null
        : "built for booty API " + wanted + "; this booty offers API " + ApiVersion.CURRENT;
  }

  /** The innermost cause, as {@code Type: message}: what the plugin itself threw. */
  static String describe(Throwable e) {
    Throwable root = e;
    Set<Throwable> seen = new HashSet<>();
    while (root.getCause() != null && seen.add(root)) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}

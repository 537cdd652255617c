package dev.booty.core.scenario;

import dev.booty.api.BootyExtension;
import dev.booty.api.ClusterProvider;
import dev.booty.api.DnsProvider;
import dev.booty.api.HostingProvider;
import dev.booty.core.BootyException;
import dev.booty.core.plugin.PluginPlatform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Checks of a scenario against what this booty has, beyond the file itself. */
public final class ScenarioChecks {
  /** The plugin kinds a scenario names, in the file's order. */
  public static final List<String> PLUGIN_KINDS =
      List.of(Plugins.HOSTING, Plugins.CLUSTER, Plugins.DNS);

  private ScenarioChecks() {}

  /**
   * Fails on the first plugin id of the scenario that no available extension has, naming the file,
   * line and column of the id and the ids there are.
   *
   * @param availableByKind extension ids by kind ({@code hosting}, {@code cluster}, {@code dns}); a
   *     kind not in the map has none
   */
  public static void checkPlugins(Scenario s, Map<String, Set<String>> availableByKind) {
    for (String kind : PLUGIN_KINDS) {
      String id = s.plugins().id(kind);
      Set<String> available = new TreeSet<>(availableByKind.getOrDefault(kind, Set.of()));
      if (id == null || available.contains(id)) {
        continue;
      }
      Position at = s.plugins().positions().get(kind);
      throw BootyException.usage(
          s.file()
              + (at == null ? "" : ":" + at)
              + ": plugins."
              + kind
              + ": no "
              + kind
              + " plugin '"
              + id
              + "' (available: "
              + (available.isEmpty() ? "none" : String.join(", ", available))
              + ")");
    }
  }

  /** The extension ids of a loaded platform's started plugins, by kind. */
  public static Map<String, Set<String>> availablePlugins(PluginPlatform platform) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    out.put(Plugins.HOSTING, ids(platform.extensions(HostingProvider.class)));
    out.put(Plugins.CLUSTER, ids(platform.extensions(ClusterProvider.class)));
    out.put(Plugins.DNS, ids(platform.extensions(DnsProvider.class)));
    return out;
  }

  private static Set<String> ids(List<? extends BootyExtension> extensions) {
    Set<String> ids = new TreeSet<>();
    extensions.forEach(e -> ids.add(e.id()));
    return ids;
  }
}

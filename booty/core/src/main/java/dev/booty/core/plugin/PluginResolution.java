package dev.booty.core.plugin;

import dev.booty.core.BootyException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pf4j.DependencyResolver;
import org.pf4j.PluginWrapper;

/**
 * Resolves the dependencies of the loaded plugins. PF4J gives up on the whole set when one plugin's
 * dependency is missing, of the wrong version or part of a cycle; here those plugins are reported
 * failed and unloaded, and the rest is resolved again, until what is left resolves.
 */
final class PluginResolution {
  private final BootyPluginManager manager;
  private final Map<String, PluginReport> reports;

  PluginResolution(BootyPluginManager manager, Map<String, PluginReport> reports) {
    this.manager = manager;
    this.reports = reports;
  }

  void resolve(Path dir) {
    // each failed round unloads at least one plugin, so this many rounds suffice
    int rounds = manager.getPlugins().size() + 1;
    for (int round = 0; round < rounds; round++) {
      try {
        manager.resolveNow();
        return;
      } catch (DependencyResolver.DependenciesNotFoundException e) {
        for (PluginWrapper w : manager.getPlugins()) {
          List<String> missing =
              BootyPluginManager.requiredIds(w).stream()
                  .filter(e.getDependencies()::contains)
                  .toList();
          if (!missing.isEmpty()) {
            fail(w, missing.stream().map(this::whyMissing).toList());
          }
        }
      } catch (DependencyResolver.DependenciesWrongVersionException e) {
        for (DependencyResolver.WrongDependencyVersion wrong : e.getDependencies()) {
          PluginWrapper w = manager.getPlugin(wrong.getDependentId());
          if (w != null) {
            fail(
                w,
                List.of(
                    "needs "
                        + wrong.getDependencyId()
                        + " "
                        + wrong.getRequiredVersion()
                        + ", found "
                        + wrong.getExistingVersion()));
          }
        }
      } catch (DependencyResolver.CyclicDependencyException e) {
        Set<String> cycle = onCycles();
        for (String id : cycle) {
          fail(
              manager.getPlugin(id),
              List.of("its dependencies form a cycle among " + String.join(", ", cycle)));
        }
      } catch (RuntimeException e) {
        throw BootyException.failure(
            "cannot resolve the plugins in " + dir + ": " + PluginChecks.describe(e));
      }
    }
    throw BootyException.failure("cannot resolve the plugins in " + dir);
  }

  /** Why a dependency is not there: not installed, or installed but refused, failed or off. */
  private String whyMissing(String id) {
    PluginReport r = reports.get(id);
    return r == null
        ? "missing dependency: " + id
        : "its dependency "
            + id
            + " is "
            + r.state()
            + (r.reason() == null ? "" : ": " + r.reason());
  }

  private void fail(PluginWrapper w, List<String> reasons) {
    reports.put(
        w.getPluginId(), PluginReport.of(w, PluginReport.FAILED, String.join("; ", reasons)));
    manager.unloadOnly(w.getPluginId());
  }

  /** The loaded plugins that can reach themselves through required dependencies. */
  private Set<String> onCycles() {
    Map<String, List<String>> needs = new LinkedHashMap<>();
    manager
        .getPlugins()
        .forEach(w -> needs.put(w.getPluginId(), BootyPluginManager.requiredIds(w)));
    Set<String> cyclic = new TreeSet<>();
    for (String id : needs.keySet()) {
      if (reaches(needs, id, id, new HashSet<>())) {
        cyclic.add(id);
      }
    }
    return cyclic;
  }

  private static boolean reaches(
      Map<String, List<String>> needs, String from, String target, Set<String> seen) {
    for (String next : needs.getOrDefault(from, List.of())) {
      if (next.equals(target) || (seen.add(next) && reaches(needs, next, target, seen))) {
        return true;
      }
    }
    return false;
  }
}

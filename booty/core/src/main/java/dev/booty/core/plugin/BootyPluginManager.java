package dev.booty.core.plugin;

import java.nio.file.Path;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginWrapper;

/**
 * PF4J's manager as {@link PluginPlatform} drives it: dependency resolution held back until every
 * file is loaded, unloading without taking dependents along (they get their own report), booty's
 * own API check instead of PF4J's system-version check, and the status files ({@code enabled.txt},
 * {@code disabled.txt} in the plugins folder) reachable for plugins that are not loaded.
 */
final class BootyPluginManager extends DefaultPluginManager {
  private boolean holdResolution = true;

  BootyPluginManager(Path dir) {
    super(dir);
  }

  @Override
  protected void resolvePlugins() {
    if (!holdResolution) {
      super.resolvePlugins();
    }
  }

  /** Resolves every loaded plugin's dependencies; throws PF4J's exceptions as they come. */
  void resolveNow() {
    holdResolution = false;
    try {
      super.resolvePlugins();
    } finally {
      holdResolution = true;
    }
  }

  /** booty checks {@code Plugin-Requires} against its API version itself. */
  @Override
  protected boolean isPluginValid(PluginWrapper pluginWrapper) {
    return true;
  }

  /** Unloads one plugin, leaving its dependents loaded. */
  void unloadOnly(String id) {
    unloadPlugin(id, false, false);
  }

  boolean isDisabled(String id) {
    return pluginStatusProvider.isPluginDisabled(id);
  }

  /** Records the plugin as on or off in the plugins folder's status files. */
  void setDisabled(String id, boolean disabled) {
    if (disabled) {
      pluginStatusProvider.disablePlugin(id);
    } else {
      pluginStatusProvider.enablePlugin(id);
    }
  }

  /** The descriptor a plugin file declares; throws PF4J's exception when it cannot be read. */
  PluginDescriptor descriptor(Path file) {
    return getPluginDescriptorFinder().find(file);
  }

  /** The ids of the plugins a loaded plugin needs (optional ones left out). */
  static List<String> requiredIds(PluginWrapper w) {
    return w.getDescriptor().getDependencies().stream()
        .filter(d -> !d.isOptional())
        .map(d -> d.getPluginId())
        .toList();
  }
}

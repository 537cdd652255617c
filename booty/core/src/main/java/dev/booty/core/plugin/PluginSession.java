package dev.booty.core.plugin;

import dev.booty.api.BootyExtension;
import dev.booty.api.ChaosMode;
import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The plugins of one booty command, loaded once: the deployer, the scenario runner, the chaos
 * context and {@code booty chaos} all take their extensions and plugin contexts from here, so each
 * extension exists once per process (a chaos mode that prepared a fault is the one that heals it).
 * Closing it stops the plugins.
 */
public final class PluginSession implements AutoCloseable {
  private final PluginPlatform platform;
  private final BootyHome home;
  private final ComponentStore store;
  private final Consumer<String> progress;
  private final Map<String, BootyExtension> extensions = new ConcurrentHashMap<>();

  private PluginSession(
      PluginPlatform platform, BootyHome home, ComponentStore store, Consumer<String> progress) {
    this.platform = platform;
    this.home = home;
    this.store = store;
    this.progress = progress;
  }

  /**
   * Loads the plugins of {@code platform} (a broken one is reported by {@code booty plugins list}
   * and simply offers nothing here).
   *
   * @param progress where the plugins' progress lines go
   */
  public static PluginSession open(
      PluginPlatform platform, BootyHome home, ComponentStore store, Consumer<String> progress) {
    platform.load();
    return new PluginSession(platform, home, store, progress);
  }

  /** A session on a platform already {@link PluginPlatform#load loaded}; closing it closes that. */
  public static PluginSession loaded(
      PluginPlatform platform, BootyHome home, ComponentStore store, Consumer<String> progress) {
    return new PluginSession(platform, home, store, progress);
  }

  /** The plugins of a home, with the distribution's bundled ones synced in first. */
  public static PluginSession open(BootyHome home, Consumer<String> progress) {
    return open(
        PluginPlatform.forHome(home, PluginPlatform.bundledDir()),
        home,
        new ComponentStore(home),
        progress);
  }

  public PluginPlatform platform() {
    return platform;
  }

  /**
   * The one extension of {@code point} with that id, the same instance on every call.
   *
   * @throws dev.booty.core.BootyException (bad usage) naming the available ids when none has it
   */
  public <T extends BootyExtension> T extension(Class<T> point, String id) {
    String key = point.getName() + "/" + id;
    BootyExtension e = extensions.get(key);
    if (e == null) {
      e = platform.extension(point, id);
      BootyExtension raced = extensions.putIfAbsent(key, e);
      e = raced == null ? e : raced;
    }
    return point.cast(e);
  }

  /** The ids of the extensions of {@code point}, e.g. every chaos mode. */
  public List<String> ids(Class<? extends BootyExtension> point) {
    return platform.extensions(point).stream().map(BootyExtension::id).sorted().toList();
  }

  /** A chaos mode by the id a scenario step names. */
  public ChaosMode mode(String id) {
    return extension(ChaosMode.class, id);
  }

  /** The plugin context plugin {@code pluginId} gets for one deployment. */
  public BootyPluginContext context(BootyPluginContext.Deployment deployment, String pluginId) {
    return new BootyPluginContext(home, store, deployment, progress).forPlugin(pluginId);
  }

  @Override
  public void close() {
    extensions.clear();
    platform.close();
  }
}

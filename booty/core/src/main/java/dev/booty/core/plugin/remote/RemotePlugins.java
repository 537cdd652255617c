package dev.booty.core.plugin.remote;

import dev.booty.core.home.BootyHome;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The executable plugins of one booty process: the plugin CA's leaf for booty, the one {@link
 * HostServer}, and an {@link ExecPlugin} per plugin, each started at its first call. Closing it
 * stops every plugin it started. Created lazily, so a booty that uses no executable plugin opens no
 * port.
 */
public final class RemotePlugins implements AutoCloseable {
  private final BootyHome home;
  private final Map<String, ExecPlugin> plugins = new LinkedHashMap<>();
  private PluginTls tls;
  private HostServer host;

  public RemotePlugins(BootyHome home) {
    this.home = home;
  }

  /** The plugin of this spec, made once per id; its description is checked against its id only. */
  public ExecPlugin plugin(PluginProcess.Spec spec, Duration callTimeout) {
    return plugin(spec, callTimeout, null);
  }

  /**
   * The plugin of this spec, made once per id.
   *
   * @param declared the extensions its descriptor declares ({@code chaos:exec}, {@code
   *     hosting:fly[wan]}: {@link ExecDescriptor#labels}); its {@code Describe} must name exactly
   *     these
   */
  public synchronized ExecPlugin plugin(
      PluginProcess.Spec spec, Duration callTimeout, List<String> declared) {
    return plugins.computeIfAbsent(
        spec.id(), id -> new ExecPlugin(spec, callTimeout, declared, home, this));
  }

  synchronized PluginTls tls() {
    if (tls == null) {
      PluginProcess.reapOrphans(home);
      tls = PluginTls.forHome(home);
    }
    return tls;
  }

  synchronized HostServer host() {
    if (host == null) {
      host = HostServer.start(tls());
    }
    return host;
  }

  @Override
  public synchronized void close() {
    plugins.values().forEach(ExecPlugin::close);
    plugins.clear();
    if (host != null) {
      host.close();
      host = null;
    }
    if (tls != null) {
      tls.close();
      tls = null;
    }
  }
}

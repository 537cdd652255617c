package dev.booty.core.plugin.remote;

/**
 * What every booty-side proxy of a remote extension holds: its plugin and its id, and how a call is
 * named in errors ({@code ClusterProvider 'nats' Plan}).
 */
abstract class RemoteProxy implements RemoteExtension {
  final ExecPlugin plugin;
  final String id;
  private final String point;

  /**
   * @param point the extension point as errors name it: {@code ChaosMode}
   */
  RemoteProxy(ExecPlugin plugin, String id, String point) {
    this.plugin = plugin;
    this.id = id;
    this.point = point;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final ExecPlugin plugin() {
    return plugin;
  }

  /** A call as errors name it. */
  final String what(String call) {
    return point + " '" + id + "' " + call;
  }
}

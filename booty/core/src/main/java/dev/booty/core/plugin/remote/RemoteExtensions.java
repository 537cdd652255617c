package dev.booty.core.plugin.remote;

import dev.booty.api.BootyExtension;
import dev.booty.api.ChaosMode;
import dev.booty.api.ClusterProvider;
import dev.booty.api.DnsChaos;
import dev.booty.api.DnsProvider;
import dev.booty.api.DnsResolvers;
import dev.booty.api.HostingPreview;
import dev.booty.api.HostingProvider;
import dev.booty.api.WanEmulation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes booty's proxy of one declared extension of an executable plugin. booty asks an extension
 * for an optional ability with {@code instanceof} ({@code hosting instanceof WanEmulation}), so the
 * proxy must implement exactly the abilities the descriptor declares: the DNS and hosting proxies
 * implement every ability, and are shown to booty through a {@link Proxy} of the extension point,
 * {@link RemoteExtension} and the declared abilities' interfaces only.
 */
public final class RemoteExtensions {

  /** Each point's interface, by the name plugin.yaml and {@code Describe} use. */
  public static final Map<String, Class<? extends BootyExtension>> POINTS =
      Map.of(
          "chaos", ChaosMode.class,
          "cluster", ClusterProvider.class,
          "dns", DnsProvider.class,
          "hosting", HostingProvider.class);

  /** Each ability's interface, by its name. */
  static final Map<String, Class<?>> ABILITIES =
      Map.of(
          "dns-chaos", DnsChaos.class,
          "preview", HostingPreview.class,
          "wan", WanEmulation.class,
          "resolvers", DnsResolvers.class);

  private RemoteExtensions() {}

  /** The extension point class of a point name, or null for an unknown name. */
  public static Class<? extends BootyExtension> point(String name) {
    return POINTS.get(name);
  }

  /** booty's proxy of {@code extension}, served by {@code plugin}. */
  public static RemoteExtension of(ExecPlugin plugin, ExecDescriptor.Extension extension) {
    return switch (extension.point()) {
      case "chaos" -> new RemoteChaosMode(plugin, extension.id());
      case "cluster" -> new RemoteClusterProvider(plugin, extension.id());
      case "dns" ->
          narrowed(new RemoteDnsProvider(plugin, extension.id()), DnsProvider.class, extension);
      case "hosting" ->
          narrowed(
              new RemoteHostingProvider(plugin, extension.id()), HostingProvider.class, extension);
      default ->
          throw new IllegalArgumentException(
              "no extension point '" + extension.point() + "' (" + extension.label() + ")");
    };
  }

  /** {@code full} seen through its point, {@link RemoteExtension} and the declared abilities. */
  private static RemoteExtension narrowed(
      RemoteExtension full, Class<?> point, ExecDescriptor.Extension extension) {
    List<Class<?>> types = new ArrayList<>(List.of(point, RemoteExtension.class));
    for (String ability : extension.abilities()) {
      types.add(ABILITIES.get(ability));
    }
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
              case "equals" -> proxy == args[0];
              case "hashCode" -> System.identityHashCode(proxy);
              default -> full.toString();
            };
          }
          try {
            return method.invoke(full, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (RemoteExtension)
        Proxy.newProxyInstance(
            RemoteExtensions.class.getClassLoader(), types.toArray(Class<?>[]::new), handler);
  }
}

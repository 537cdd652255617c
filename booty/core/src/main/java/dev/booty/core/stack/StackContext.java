package dev.booty.core.stack;

import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.install.InstalledVersion;
import java.nio.file.Path;

/**
 * What the component classes need to describe their service: the stack folder, the ports, where
 * other hosts reach it, and the active installed binaries.
 */
public record StackContext(
    BootyHome home, StackPorts ports, ComponentStore store, StackNetwork network) {

  /** With the network the home remembers ({@code stack/network.json}; loopback when none). */
  public StackContext(BootyHome home, StackPorts ports, ComponentStore store) {
    this(home, ports, store, StackNetwork.load(home.stack().network()));
  }

  /**
   * The control plane's NATS as booty's own processes on this machine connect to it: it listens on
   * the advertised address only (loopback when none), so that is where they go too.
   */
  public String natsUrl() {
    return "nats://" + network.hostPort(ports, "nats.client");
  }

  public Path stackDir() {
    return home.stack().root();
  }

  public Path serviceDir(String service) {
    return home.stack().serviceDir(service);
  }

  public Path logFile(String service) {
    return home.stack().logOf(service);
  }

  /** The active installed version of a component; a clear error when there is none. */
  public InstalledVersion installed(String component) {
    String version =
        store
            .active(component)
            .orElseThrow(
                () ->
                    BootyException.failure(
                        component
                            + " is not installed; run 'booty install "
                            + component
                            + "' first"));
    return store
        .find(component, version)
        .orElseThrow(
            () ->
                BootyException.failure(
                    component + "@" + version + " is marked active but missing; reinstall it"));
  }

  public Path binary(InstalledVersion v) {
    return store.binary(v);
  }
}

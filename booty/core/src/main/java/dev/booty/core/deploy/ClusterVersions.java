package dev.booty.core.deploy;

import dev.booty.core.BootyException;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.install.InstalledVersion;
import dev.booty.core.install.VersionOrder;
import dev.booty.core.scenario.Scenario;
import java.util.List;

/** The nats-server version a scenario's cluster runs, among the installed ones. */
final class ClusterVersions {
  static final String COMPONENT = "nats-server";

  private ClusterVersions() {}

  /**
   * {@code cluster.version} as written: an exact version, a line such as {@code 2.11.x} (the newest
   * installed of that line), or absent (the active one). A version that is not installed is an
   * error that says how to install it.
   */
  static String resolve(Scenario s, ComponentStore store) {
    String wanted = s.cluster().version();
    List<String> installed =
        store.installed(COMPONENT).stream().map(InstalledVersion::version).toList();
    if (wanted == null) {
      return store
          .active(COMPONENT)
          .orElseThrow(
              () ->
                  BootyException.usage(
                      s.file()
                          + ": cluster.version: no nats-server is installed; run 'booty install nats-server'"));
    }
    if (wanted.endsWith(".x")) {
      String line = wanted.substring(0, wanted.length() - 1);
      return installed.stream()
          .filter(v -> v.startsWith(line))
          .max(VersionOrder.INSTANCE)
          .orElseThrow(() -> missing(s, wanted, installed));
    }
    if (!installed.contains(wanted)) {
      throw missing(s, wanted, installed);
    }
    return wanted;
  }

  private static BootyException missing(Scenario s, String wanted, List<String> installed) {
    return BootyException.usage(
        s.file()
            + ": cluster.version: nats-server "
            + wanted
            + " is not installed (installed: "
            + (installed.isEmpty() ? "none" : String.join(", ", installed))
            + "); run 'booty install nats-server@"
            + (wanted.endsWith(".x") ? "VERSION" : wanted)
            + "'");
  }
}

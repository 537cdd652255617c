package dev.booty.plugins.exec;

import dev.booty.plugin.sdk.PluginServer;

/** The exec-chaos plugin's process: serves chaos mode {@code exec} to booty. */
public final class Main {
  private Main() {}

  /**
   * @param args the plugin's version (its plugin.yaml's command passes it)
   */
  public static void main(String[] args) {
    PluginServer.serve("exec-chaos", args.length > 0 ? args[0] : "dev", new ExecChaos());
  }
}

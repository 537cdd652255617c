package dev.booty.core.plugin.remote;

import dev.booty.api.BootyExtension;

/**
 * An extension served by an executable plugin, as booty holds it: a proxy whose calls go to the
 * plugin's process. It names its plugin, where a PF4J extension is named by its jar.
 */
public interface RemoteExtension extends BootyExtension {

  /** The plugin serving it. */
  ExecPlugin plugin();
}

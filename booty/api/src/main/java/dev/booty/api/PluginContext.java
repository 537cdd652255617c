package dev.booty.api;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What booty hands to every plugin: where things live and which binaries are installed. Plain data
 * and paths only, so the same context can cross a process boundary for out-of-process plugins.
 */
public interface PluginContext {

  /** The API version booty offers; a plugin built for another major version is refused. */
  ApiVersion apiVersion();

  /** The booty home ({@code ~/.booty} by default). */
  Path home();

  /** The active installed binary of a component ({@code nomad}, {@code nats-server}), if any. */
  Optional<Path> binary(String component);

  /** The binary of one installed version of a component, if installed. */
  Optional<Path> binary(String component, String version);
}

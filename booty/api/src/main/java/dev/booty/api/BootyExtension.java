package dev.booty.api;

import org.pf4j.ExtensionPoint;

/**
 * What every booty extension point is. Arguments and results are plain data (records, strings,
 * maps), so an extension can later live in another process and talk over gRPC, the way Terraform
 * providers and Nomad task drivers do.
 */
public interface BootyExtension extends ExtensionPoint {

  /** The name scenario files use for this implementation, e.g. {@code local} or {@code fly}. */
  String id();
}

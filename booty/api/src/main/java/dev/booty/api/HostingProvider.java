package dev.booty.api;

import java.util.List;
import java.util.Map;

/**
 * Where a data centre's hosts come from: this machine ({@code local}), or a cloud (Fly.io, Vultr,
 * Hetzner). A hosted data centre is a Nomad datacenter booty can schedule on, with addresses for
 * the servers placed there. Emulating the WAN between data centres is an optional ability: {@link
 * WanEmulation}.
 */
public interface HostingProvider extends BootyExtension {

  /** Makes the data centre exist (idempotent: an existing one is returned as it is). */
  HostedDataCenter provision(DataCenterSpec dataCenter, PluginContext context);

  /** Removes what {@link #provision} made for that data centre, and nothing else. */
  void release(String dataCenter, PluginContext context);

  /**
   * A data centre as a scenario declares it.
   *
   * @param name e.g. {@code london}
   * @param index its position in the scenario, from 1 (stable addressing)
   * @param servers how many server addresses it needs
   * @param options provider-specific settings from the scenario
   */
  record DataCenterSpec(String name, int index, int servers, Map<String, String> options) {}

  /**
   * A data centre that exists.
   *
   * @param nomadDatacenter the Nomad datacenter name jobs target
   * @param addresses one address per server, in order; servers bind there
   * @param attributes anything else other plugins may use (the Nomad node, a region tag, ...)
   */
  record HostedDataCenter(
      String name,
      String nomadDatacenter,
      List<String> addresses,
      Map<String, String> attributes) {}
}

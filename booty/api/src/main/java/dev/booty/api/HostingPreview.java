package dev.booty.api;

import dev.booty.api.HostingProvider.DataCenterSpec;
import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.api.WanEmulation.Endpoint;
import dev.booty.api.WanEmulation.Link;
import java.util.List;
import java.util.Map;

/**
 * An optional ability of a {@link HostingProvider}: what it will make, worked out without making
 * anything, so booty shows a deployment's whole plan (its jobs and their hashes included) before
 * acting, and then checks that what was made is what was planned.
 */
public interface HostingPreview {

  /** What {@link HostingProvider#provision} will return for this data centre. */
  HostedDataCenter preview(DataCenterSpec dataCenter, PluginContext context);

  /**
   * What {@link WanEmulation#connect} will return: for each data centre, the address each
   * endpoint's host name resolves to there. Only asked of a provider that emulates the WAN.
   */
  Map<String, Map<String, String>> names(
      List<DataCenterSpec> dataCenters, List<Endpoint> endpoints, List<Link> links);
}

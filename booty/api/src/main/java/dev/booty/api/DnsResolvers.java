package dev.booty.api;

import java.util.List;
import java.util.Map;

/**
 * An optional ability of a {@link HostingProvider}: pointing each data centre's resolver (what its
 * hosts and every job on them ask for names) at given DNS servers, as a data centre's network would
 * hand its hosts a resolver. booty calls it after a DNS plugin published its zone, with the
 * addresses the plugin returned, and with an empty list per data centre to give it back the
 * machine's own resolvers.
 */
public interface DnsResolvers {

  /** Each named data centre resolves through these addresses (port 53), in order. */
  void resolvers(Map<String, List<String>> byDataCenter, PluginContext context);
}

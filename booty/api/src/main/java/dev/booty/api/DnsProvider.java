package dev.booty.api;

import java.util.List;

/**
 * Names clients resolve: a real authoritative server on this machine (PowerDNS, {@code local}), or
 * Cloudflare, Google Cloud DNS. Geo answers and health-checked records are the provider's business;
 * booty hands over the records.
 */
public interface DnsProvider extends BootyExtension {

  /** Creates or replaces the records of a zone. */
  void publish(String zone, List<DnsRecord> records, PluginContext context);

  /** Removes the records booty published in that zone. */
  void withdraw(String zone, PluginContext context);

  /**
   * One record set.
   *
   * @param region the region it answers for (geo routing), or null for everyone
   * @param healthCheckPort when set, an address is only answered while this port accepts
   */
  record DnsRecord(
      String name,
      String type,
      int ttl,
      List<String> values,
      String region,
      Integer healthCheckPort) {}
}

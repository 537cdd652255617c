package dev.booty.api;

/**
 * An optional ability of a {@link DnsProvider}: the faults of a data centre's DNS, for the {@code
 * dns-outage} and {@code dns-stale} chaos modes. Each call is idempotent, and {@link State#SERVING}
 * undoes either fault (a heal may run twice, or after a crash).
 */
public interface DnsChaos {

  /** What a data centre's DNS does. */
  enum State {
    /** It answers, from live health checks. */
    SERVING,
    /** It does not answer at all: queries time out (its server frozen or gone). */
    DOWN,
    /**
     * It answers what it answered when the fault began, whatever happens to the servers since: its
     * health checks have stopped.
     */
    STALE
  }

  /** Puts the DNS of {@code dataCenter} for {@code zone} in {@code state}. */
  void dns(String zone, String dataCenter, State state, PluginContext context);
}

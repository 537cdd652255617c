package dev.booty.plugins.chaos;

import dev.booty.api.DnsChaos;
import org.pf4j.Extension;

/**
 * {@code dns-stale}: the DNS of one or more data centres keeps answering what it answered when the
 * fault began: its health checks have stopped, so once servers die (a later step) its answers still
 * name them. Heal brings back answers that follow health. Targets: data centres.
 */
@Extension
public final class DnsStale extends DnsFault {
  static final String ID = "dns-stale";

  public DnsStale() {
    super(ID, DnsChaos.State.STALE);
  }
}

package dev.booty.plugins.chaos;

import dev.booty.api.DnsChaos;
import org.pf4j.Extension;

/**
 * {@code dns-outage}: the DNS of one or more data centres stops answering (its server frozen), so
 * clients that resolve the scenario's name there, to start or to reconnect, wait out their
 * resolver's timeouts. Servers and connections already open are untouched. Heal makes it answer
 * again. Targets: data centres.
 */
@Extension
public final class DnsOutage extends DnsFault {
  static final String ID = "dns-outage";

  public DnsOutage() {
    super(ID, DnsChaos.State.DOWN);
  }
}

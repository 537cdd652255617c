package dev.booty.plugins.chaos;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosMode;
import dev.booty.api.DnsChaos;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code dns-outage}: the DNS of one or more data centres stops answering (its server frozen), so
 * clients that resolve the scenario's name there, to start or to reconnect, wait out their
 * resolver's timeouts. Servers and connections already open are untouched. Heal makes it answer
 * again. Targets: data centres.
 */
@Extension
public final class DnsOutage implements ChaosMode {
  static final String ID = "dns-outage";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, String> prepare(FaultSpec fault, ChaosContext context) {
    Options.of(fault.options());
    return DnsFault.prepare(ID, fault, context);
  }

  @Override
  public void inject(FaultSpec fault, Map<String, String> record, ChaosContext context)
      throws InterruptedException {
    DnsFault.inject(ID, DnsChaos.State.DOWN, record, context);
  }

  @Override
  public void heal(Map<String, String> record, ChaosContext context) {
    DnsFault.heal(ID, record, context);
  }
}

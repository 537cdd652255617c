package dev.booty.plugins.chaos;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosMode;
import dev.booty.api.DnsChaos;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code dns-stale}: the DNS of one or more data centres keeps answering what it answered when the
 * fault began: its health checks have stopped, so once servers die (a later step) its answers still
 * name them. Heal brings back answers that follow health. Targets: data centres.
 */
@Extension
public final class DnsStale implements ChaosMode {
  static final String ID = "dns-stale";

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
    DnsFault.inject(ID, DnsChaos.State.STALE, record, context);
  }

  @Override
  public void heal(Map<String, String> record, ChaosContext context) {
    DnsFault.heal(ID, record, context);
  }
}

package dev.booty.plugins.chaos;

import static dev.booty.plugins.chaos.HealRecords.DATA_CENTERS;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosContext.Site;
import dev.booty.api.ChaosMode;
import dev.booty.api.DnsChaos;
import java.util.List;
import java.util.Map;

/**
 * What {@link DnsOutage} and {@link DnsStale} are: their data centres' DNS put in a state, and back
 * to serving on heal (which is safe to run twice). The servers are left alone: a DNS fault takes
 * out no data centre's servers, only how new and reconnecting clients find them. Targets: data
 * centres; no options.
 */
abstract class DnsFault implements ChaosMode {
  private final String mode;
  private final DnsChaos.State state;

  DnsFault(String mode, DnsChaos.State state) {
    this.mode = mode;
    this.state = state;
  }

  @Override
  public final String id() {
    return mode;
  }

  @Override
  public final Map<String, String> prepare(FaultSpec fault, ChaosContext context) {
    Options.of(fault.options());
    List<Site> sites = Topology.of(context).dataCenters(fault.targets(), mode);
    return Map.of(DATA_CENTERS, HealRecords.join(sites.stream().map(Site::name).toList()));
  }

  @Override
  public final void inject(FaultSpec fault, Map<String, String> record, ChaosContext context)
      throws InterruptedException {
    List<String> dcs = HealRecords.list(record, DATA_CENTERS);
    for (String dc : dcs) {
      Interrupts.check();
      context.dns(dc, state);
    }
    context
        .plugin()
        .progress(
            mode
                + ": DNS of "
                + Options.join(dcs)
                + (state == DnsChaos.State.DOWN
                    ? " down, queries time out"
                    : " stale, answers no longer follow health"));
  }

  @Override
  public final void heal(Map<String, String> record, ChaosContext context) {
    List<String> dcs = HealRecords.list(record, DATA_CENTERS);
    for (String dc : dcs) {
      context.dns(dc, DnsChaos.State.SERVING);
    }
    context.plugin().progress(mode + ": DNS of " + Options.join(dcs) + " serving again");
  }
}

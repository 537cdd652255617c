package dev.booty.plugins.chaos;

import static dev.booty.plugins.chaos.HealRecords.DATA_CENTERS;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosContext.Site;
import dev.booty.api.ChaosMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code client-scale}: data centres run another number of test clients. Targets: one or more data
 * centres. Option {@code count} (required, 0 or more) is the new number per data centre.
 *
 * <p>The heal record holds the number each data centre ran when the step was prepared, and heal
 * scales back to it unless option {@code restore} is {@code false}. {@code restore} defaults to
 * {@code true} for a step with a duration and to {@code false} for one without: such a step is
 * permanent unless it says otherwise.
 *
 * <p>Option {@code group} picks one client group of the data centre by its label ({@code
 * london-browser}: browsers open or close; {@code dallas-dns-careful}); without it the data
 * centre's first group is scaled. A group belongs to one data centre, so a step with {@code group}
 * targets that data centre only.
 */
@Extension
public final class ClientScale implements ChaosMode {
  static final String ID = "client-scale";
  static final String COUNT = "count";
  static final String RESTORE = "restore";
  static final String GROUP = "group";
  static final String PREVIOUS = "previous.";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, String> prepare(FaultSpec fault, ChaosContext context) {
    Options options = Options.of(fault.options(), COUNT, RESTORE, GROUP);
    int count = options.integer(COUNT, 0, Integer.MAX_VALUE);
    boolean restore = options.bool(RESTORE, fault.duration() != null);
    String group = options.text(GROUP).filter(g -> !g.isEmpty()).orElse(null);
    List<String> dcs =
        Topology.of(context).dataCenters(fault.targets(), ID).stream().map(Site::name).toList();
    if (group != null && dcs.size() != 1) {
      throw new IllegalArgumentException(
          "option group '"
              + group
              + "' names one data centre's client group: target that data centre only, not "
              + String.join(", ", dcs));
    }
    Map<String, String> record = new LinkedHashMap<>();
    record.put(DATA_CENTERS, HealRecords.join(dcs));
    record.put(COUNT, String.valueOf(count));
    record.put(RESTORE, String.valueOf(restore));
    if (group != null) {
      record.put(GROUP, group);
    }
    for (String dc : dcs) {
      record.put(PREVIOUS + dc, String.valueOf(context.clients(dc, group)));
    }
    return record;
  }

  @Override
  public void inject(FaultSpec fault, Map<String, String> record, ChaosContext context)
      throws InterruptedException {
    int count = Integer.parseInt(HealRecords.get(record, COUNT));
    String group = record.get(GROUP);
    for (String dc : HealRecords.list(record, DATA_CENTERS)) {
      Interrupts.check();
      context.scaleClients(dc, group, count);
      context
          .plugin()
          .progress(ID + ": " + (group == null ? dc : group) + " runs " + count + " clients");
    }
  }

  @Override
  public void heal(Map<String, String> record, ChaosContext context) {
    if (!Boolean.parseBoolean(HealRecords.get(record, RESTORE))) {
      return;
    }
    Healing healing = new Healing(ID, context);
    String group = record.get(GROUP);
    for (String dc : HealRecords.list(record, DATA_CENTERS)) {
      int previous = Integer.parseInt(HealRecords.get(record, PREVIOUS + dc));
      healing.attempt(
          "scaling " + (group == null ? dc : group) + " back to " + previous + " clients",
          () -> context.scaleClients(dc, group, previous));
    }
    healing.done();
  }
}

package dev.booty.plugins.chaos;

import static dev.booty.plugins.chaos.HealRecords.PATHS;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosContext.Path;
import dev.booty.api.ChaosMode;
import dev.booty.api.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code latency}: one WAN path gets another round trip. Target: the path, {@code london~dallas},
 * or its two data centres as a list. Option {@code rtt} (required): the round trip while the step
 * lasts, e.g. {@code 300ms}. Heal restores the configured one.
 */
@Extension
public final class Latency implements ChaosMode {
  static final String ID = "latency";
  static final String RTT = "rtt";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, String> prepare(FaultSpec fault, ChaosContext context) {
    Options options = Options.of(fault.options(), RTT);
    Duration rtt = options.requiredDuration(RTT);
    Topology topology = Topology.of(context);
    List<String> targets = fault.targets();
    Pair path;
    if (targets.size() == 1) {
      path = topology.path(targets.getFirst());
    } else if (targets.size() == 2 && targets.stream().noneMatch(Pair::looksLikePath)) {
      path = topology.path(targets.get(0), targets.get(1));
    } else {
      throw new IllegalArgumentException(
          ID
              + " targets one path, e.g. london~dallas or [london, dallas]; got ["
              + Options.join(targets)
              + "]");
    }
    Map<String, String> record = new LinkedHashMap<>();
    record.put(PATHS, path.toString());
    record.put(RTT, Durations.format(rtt));
    return record;
  }

  @Override
  public void inject(FaultSpec fault, Map<String, String> record, ChaosContext context) {
    Duration rtt = Options.durationOf(RTT, HealRecords.get(record, RTT));
    for (Pair p : HealRecords.paths(record)) {
      context.path(p.a(), p.b(), new Path(rtt, 0, false, false));
      context
          .plugin()
          .progress(ID + ": path " + p + " at " + Durations.format(rtt) + " round trip");
    }
  }

  @Override
  public void heal(Map<String, String> record, ChaosContext context) {
    new Healing(ID, context).restore(HealRecords.paths(record)).done();
  }
}

package dev.booty.plugins.chaos;

import static dev.booty.plugins.chaos.HealRecords.DATA_CENTERS;
import static dev.booty.plugins.chaos.HealRecords.KIND;
import static dev.booty.plugins.chaos.HealRecords.PATHS;
import static dev.booty.plugins.chaos.HealRecords.SERVERS;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosContext.Path;
import dev.booty.api.ChaosContext.Server;
import dev.booty.api.ChaosContext.Signal;
import dev.booty.api.ChaosContext.Site;
import dev.booty.api.ChaosMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code dc-outage}: whole data centres go dark. Targets: one or more data centres.
 *
 * <p>Option {@code kind}:
 *
 * <ul>
 *   <li>{@code hard} (default): every server is killed, so clients and peers see their connections
 *       reset at once, then the data centre's server job is stopped so nothing restarts them. Heal
 *       runs the job again and waits for its servers to be healthy.
 *   <li>{@code silent}: every server is frozen (SIGSTOP): connections to them, from clients and
 *       from the other data centres' gateways, stay open and hang; clients notice only when PONGs
 *       stop coming. Heal thaws the servers. With option {@code isolate: true} the data centre's
 *       WAN paths also drop traffic silently; by default they stay up, since the data centre's
 *       clients (the region's users) reach the other data centres over them to fail over.
 * </ul>
 */
@Extension
public final class DcOutage implements ChaosMode {
  static final String ID = "dc-outage";
  static final String HARD = "hard";
  static final String SILENT = "silent";
  static final String ISOLATE = "isolate";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, String> prepare(FaultSpec fault, ChaosContext context) {
    Options options = Options.of(fault.options(), KIND, ISOLATE);
    String kind = options.choice(KIND, HARD, HARD, SILENT);
    boolean isolate = options.choice(ISOLATE, "false", "true", "false").equals("true");
    if (isolate && !kind.equals(SILENT)) {
      throw new IllegalArgumentException(ID + ": option isolate goes with kind: silent");
    }
    Topology topology = Topology.of(context);
    List<Site> sites = topology.dataCenters(fault.targets(), ID);
    List<String> dcs = sites.stream().map(Site::name).toList();
    Map<String, String> record = new LinkedHashMap<>();
    record.put(KIND, kind);
    record.put(DATA_CENTERS, HealRecords.join(dcs));
    record.put(
        SERVERS,
        HealRecords.join(
            sites.stream().flatMap(s -> s.servers().stream()).map(Server::name).toList()));
    if (isolate) {
      record.put(PATHS, HealRecords.join(topology.pathsFrom(dcs)));
    }
    return record;
  }

  /** Its data centres, whole. */
  @Override
  public List<String> takesOut(FaultSpec fault, ChaosContext context) {
    return HealRecords.list(prepare(fault, context), DATA_CENTERS);
  }

  @Override
  public void inject(FaultSpec fault, Map<String, String> record, ChaosContext context)
      throws InterruptedException {
    List<String> dcs = HealRecords.list(record, DATA_CENTERS);
    List<String> servers = HealRecords.list(record, SERVERS);
    if (HealRecords.get(record, KIND).equals(SILENT)) {
      context.signal(servers, Signal.STOP);
      for (Pair p : HealRecords.paths(record)) {
        Interrupts.check();
        context.path(p.a(), p.b(), new Path(null, 0, true, true));
      }
      context
          .plugin()
          .progress(
              ID
                  + ": "
                  + Options.join(dcs)
                  + " frozen"
                  + (HealRecords.paths(record).isEmpty() ? "" : ", paths cut silently"));
    } else {
      context.signal(servers, Signal.KILL);
      for (String dc : dcs) {
        Interrupts.check();
        context.servers(dc, false);
      }
      context
          .plugin()
          .progress(ID + ": " + Options.join(dcs) + " down, servers killed and stopped");
    }
  }

  @Override
  public void heal(Map<String, String> record, ChaosContext context) {
    Healing healing = new Healing(ID, context);
    List<String> dcs = HealRecords.list(record, DATA_CENTERS);
    if (HealRecords.get(record, KIND).equals(SILENT)) {
      healing.thaw(HealRecords.list(record, SERVERS)).restore(HealRecords.paths(record));
    } else {
      healing.start(dcs);
    }
    healing.done();
    context.plugin().progress(ID + ": " + Options.join(dcs) + " back");
  }
}

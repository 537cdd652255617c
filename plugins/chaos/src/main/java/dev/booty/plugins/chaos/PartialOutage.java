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
import dev.booty.api.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code partial-outage}: part of a data centre fails, or a WAN path degrades. Targets are one of:
 *
 * <ul>
 *   <li>servers by name ({@code dal-1}), or data centres with option {@code servers: N} (their
 *       first N servers, fewer than they have: a whole data centre is {@code dc-outage}'s). Option
 *       {@code kind}: {@code silent} (default) freezes the servers (SIGSTOP) and heal thaws them;
 *       {@code hard} kills them (SIGKILL). A single server cannot be stopped without its data
 *       centre's whole job, so Nomad restarts a killed server after a few seconds: a hard partial
 *       outage is a crash and a restart, not a lasting absence. Its heal runs the data centres'
 *       jobs (idempotent), which waits for the restarted servers to be healthy.
 *   <li>paths written {@code london~dallas}, with option {@code loss} (share of new connections
 *       black-holed, 0 to 1) and/or {@code latency} (round trip added to the configured one, a
 *       duration). Heal restores the paths.
 * </ul>
 */
@Extension
public final class PartialOutage implements ChaosMode {
  static final String ID = "partial-outage";
  static final String COUNT = "servers";
  static final String LOSS = "loss";
  static final String LATENCY = "latency";
  static final String TARGET = "target";
  static final String ON_PATHS = "paths";
  static final String ON_SERVERS = "servers";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, String> prepare(FaultSpec fault, ChaosContext context) {
    List<String> targets = fault.targets();
    if (targets.isEmpty()) {
      throw new IllegalArgumentException(
          ID
              + " needs targets: servers (e.g. dal-1), data centres with option servers,"
              + " or paths (e.g. london~dallas)");
    }
    Topology.noneTwice(targets);
    long paths = targets.stream().filter(Pair::looksLikePath).count();
    if (paths == targets.size()) {
      return preparePaths(fault, Topology.of(context));
    }
    if (paths > 0) {
      throw new IllegalArgumentException(
          ID + " targets either paths (a~b) or servers, not both: " + Options.join(targets));
    }
    return prepareServers(fault, Topology.of(context));
  }

  /** Its servers (frozen or killed); a degraded path takes nothing out. */
  @Override
  public List<String> takesOut(FaultSpec fault, ChaosContext context) {
    Map<String, String> record = prepare(fault, context);
    return ON_SERVERS.equals(record.get(TARGET)) ? HealRecords.list(record, SERVERS) : List.of();
  }

  private static Map<String, String> preparePaths(FaultSpec fault, Topology topology) {
    Options options = Options.of(fault.options(), LOSS, LATENCY);
    if (!options.has(LOSS) && !options.has(LATENCY)) {
      throw new IllegalArgumentException(
          ID + " of a path needs option loss (0 to 1) and/or latency (a duration, e.g. 200ms)");
    }
    double loss = options.fraction(LOSS, 0);
    Duration latency = options.duration(LATENCY, Duration.ZERO);
    List<Pair> pairs = new ArrayList<>();
    for (String target : fault.targets()) {
      Pair p = topology.path(target);
      if (pairs.stream().anyMatch(p::sameAs)) {
        throw new IllegalArgumentException("path '" + p + "' is listed twice");
      }
      pairs.add(p);
    }
    Map<String, String> record = new LinkedHashMap<>();
    record.put(TARGET, ON_PATHS);
    record.put(PATHS, HealRecords.join(pairs));
    record.put(LOSS, String.valueOf(loss));
    record.put(LATENCY, Durations.format(latency));
    return record;
  }

  private static Map<String, String> prepareServers(FaultSpec fault, Topology topology) {
    Options options = Options.of(fault.options(), KIND, COUNT);
    String kind = options.choice(KIND, DcOutage.SILENT, DcOutage.SILENT, DcOutage.HARD);
    List<Server> servers = new ArrayList<>();
    if (options.has(COUNT)) {
      for (String target : fault.targets()) {
        Site site =
            topology
                .findDataCenter(target)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "with option servers the targets are data centres: '"
                                + target
                                + "' is not one (known: "
                                + Options.join(topology.dataCenterNames())
                                + ")"));
        int size = site.servers().size();
        if (size < 2) {
          throw new IllegalArgumentException(
              target + " has a single server: take it down with dc-outage");
        }
        int n = options.integer(COUNT, 1, size - 1);
        servers.addAll(site.servers().subList(0, n));
      }
    } else {
      for (String target : fault.targets()) {
        if (topology.findDataCenter(target).isPresent()) {
          throw new IllegalArgumentException(
              "target '"
                  + target
                  + "' is a data centre: say how many of its servers with option servers,"
                  + " or take all of it down with dc-outage");
        }
        servers.add(topology.server(target));
      }
    }
    Map<String, String> record = new LinkedHashMap<>();
    record.put(TARGET, ON_SERVERS);
    record.put(KIND, kind);
    record.put(SERVERS, HealRecords.join(servers.stream().map(Server::name).toList()));
    record.put(
        DATA_CENTERS,
        HealRecords.join(servers.stream().map(Server::dataCenter).distinct().toList()));
    return record;
  }

  @Override
  public void inject(FaultSpec fault, Map<String, String> record, ChaosContext context)
      throws InterruptedException {
    if (onPaths(record)) {
      double loss = Double.parseDouble(HealRecords.get(record, LOSS));
      Duration latency = Options.durationOf(LATENCY, HealRecords.get(record, LATENCY));
      for (Pair p : HealRecords.paths(record)) {
        Interrupts.check();
        Duration rtt = context.rtt(p.a(), p.b()).plus(latency);
        context.path(p.a(), p.b(), new Path(rtt, loss, false, false));
        context
            .plugin()
            .progress(
                ID + ": path " + p + " at " + Durations.format(rtt) + " round trip, loss " + loss);
      }
      return;
    }
    List<String> servers = HealRecords.list(record, SERVERS);
    boolean silent = HealRecords.get(record, KIND).equals(DcOutage.SILENT);
    context.signal(servers, silent ? Signal.STOP : Signal.KILL);
    context.plugin().progress(ID + ": " + Options.join(servers) + (silent ? " frozen" : " killed"));
  }

  @Override
  public void heal(Map<String, String> record, ChaosContext context) {
    Healing healing = new Healing(ID, context);
    if (onPaths(record)) {
      healing.restore(HealRecords.paths(record));
    } else if (HealRecords.get(record, KIND).equals(DcOutage.SILENT)) {
      healing.thaw(HealRecords.list(record, SERVERS));
    } else {
      healing.start(HealRecords.list(record, DATA_CENTERS));
    }
    healing.done();
  }

  private static boolean onPaths(Map<String, String> record) {
    return HealRecords.get(record, TARGET).equals(ON_PATHS);
  }
}

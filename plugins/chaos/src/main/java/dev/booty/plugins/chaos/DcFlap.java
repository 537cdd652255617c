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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.pf4j.Extension;

/**
 * {@code dc-flap}: data centres fail and come back, again and again, for the step's duration
 * (required). Targets: one or more data centres.
 *
 * <p>By default their WAN flaps: the paths to every other data centre drop and come back, and their
 * servers keep running, so only traffic between data centres notices. With option {@code servers:
 * true} their servers flap instead (the WAN stays up, so clients can fail over across it): {@code
 * kind: silent} freezes them (SIGSTOP) and thaws them (SIGCONT); {@code kind: hard} kills them
 * (SIGKILL) and stops their jobs, then runs the jobs again and waits for the servers to be healthy,
 * so the data centre's clients live a reconnect storm every cycle.
 *
 * <p>Options: {@code down} (default 5s) and {@code up} (default 5s), how long each phase lasts (a
 * hard server flap's up phase counts from the servers being healthy again); {@code kind} {@code
 * silent} (default: traffic is dropped and connections hang) or {@code hard} (connections are
 * closed at once); {@code servers} ({@code false}). The last phase is cut short where the duration
 * ends, and everything is always left restored. Heal restores every path, thaws or starts every
 * server.
 */
@Extension
public final class DcFlap implements ChaosMode {
  static final String ID = "dc-flap";
  static final String DOWN = "down";
  static final String UP = "up";
  static final String DURATION = "duration";
  static final String ON_SERVERS = "servers";
  static final Duration DEFAULT_PHASE = Duration.ofSeconds(5);

  private final LongSupplier nanoTime;

  public DcFlap() {
    this(System::nanoTime);
  }

  /** With another clock, for tests whose sleeps only advance it. */
  DcFlap(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, String> prepare(FaultSpec fault, ChaosContext context) {
    Options options = Options.of(fault.options(), DOWN, UP, KIND, ON_SERVERS);
    Duration down = options.positiveDuration(DOWN, DEFAULT_PHASE);
    Duration up = options.positiveDuration(UP, DEFAULT_PHASE);
    String kind = options.choice(KIND, DcOutage.SILENT, DcOutage.SILENT, DcOutage.HARD);
    boolean servers = options.bool(ON_SERVERS, false);
    if (fault.duration() == null || fault.duration().isZero()) {
      throw new IllegalArgumentException(
          ID + " needs a duration: how long the data centres flap, e.g. 1m");
    }
    Topology topology = Topology.of(context);
    List<Site> sites = topology.dataCenters(fault.targets(), ID);
    List<String> dcs = sites.stream().map(Site::name).toList();
    Map<String, String> record = new LinkedHashMap<>();
    record.put(KIND, kind);
    record.put(DATA_CENTERS, HealRecords.join(dcs));
    if (servers) {
      record.put(
          SERVERS,
          HealRecords.join(
              sites.stream().flatMap(s -> s.servers().stream()).map(Server::name).toList()));
    } else {
      record.put(PATHS, HealRecords.join(topology.pathsFrom(dcs)));
    }
    record.put(DOWN, Durations.format(down));
    record.put(UP, Durations.format(up));
    record.put(DURATION, Durations.format(fault.duration()));
    return record;
  }

  /** With {@code servers: true}, its data centres (their servers go down); a WAN flap, none. */
  @Override
  public List<String> takesOut(FaultSpec fault, ChaosContext context) {
    Map<String, String> record = prepare(fault, context);
    return record.containsKey(SERVERS) ? HealRecords.list(record, DATA_CENTERS) : List.of();
  }

  @Override
  public void inject(FaultSpec fault, Map<String, String> record, ChaosContext context)
      throws InterruptedException {
    long end = nanoTime.getAsLong() + duration(record, DURATION).toNanos();
    Duration down = duration(record, DOWN);
    Duration up = duration(record, UP);
    String dcs = Options.join(HealRecords.list(record, DATA_CENTERS));
    for (int cycle = 1; end - nanoTime.getAsLong() > 0; cycle++) {
      Interrupts.check();
      context.plugin().progress(ID + ": " + dcs + " down (cycle " + cycle + ")");
      fail(record, context);
      context.sleep(upTo(down, end));
      recover(record, context);
      context.plugin().progress(ID + ": " + dcs + " up (cycle " + cycle + ")");
      if (end - nanoTime.getAsLong() <= 0) {
        break;
      }
      context.sleep(upTo(up, end));
    }
  }

  @Override
  public void heal(Map<String, String> record, ChaosContext context) {
    Healing healing = new Healing(ID, context).restore(HealRecords.paths(record));
    if (record.containsKey(SERVERS)) {
      if (silent(record)) {
        healing.thaw(HealRecords.list(record, SERVERS));
      } else {
        healing.start(HealRecords.list(record, DATA_CENTERS));
      }
    }
    healing.done();
  }

  /** The down phase's start: paths cut, or servers frozen or killed and their jobs stopped. */
  private static void fail(Map<String, String> record, ChaosContext context)
      throws InterruptedException {
    if (!record.containsKey(SERVERS)) {
      Path cut = new Path(null, 0, true, silent(record));
      for (Pair p : HealRecords.paths(record)) {
        context.path(p.a(), p.b(), cut);
      }
      return;
    }
    List<String> servers = HealRecords.list(record, SERVERS);
    if (silent(record)) {
      context.signal(servers, Signal.STOP);
      return;
    }
    context.signal(servers, Signal.KILL);
    for (String dc : HealRecords.list(record, DATA_CENTERS)) {
      Interrupts.check();
      context.servers(dc, false);
    }
  }

  /** The up phase's start: what {@link #fail} did, undone. */
  private static void recover(Map<String, String> record, ChaosContext context) {
    if (!record.containsKey(SERVERS)) {
      for (Pair p : HealRecords.paths(record)) {
        context.path(p.a(), p.b(), Path.configured());
      }
    } else if (silent(record)) {
      context.signal(HealRecords.list(record, SERVERS), Signal.CONT);
    } else {
      for (String dc : HealRecords.list(record, DATA_CENTERS)) {
        context.servers(dc, true);
      }
    }
  }

  private static boolean silent(Map<String, String> record) {
    return HealRecords.get(record, KIND).equals(DcOutage.SILENT);
  }

  /** The phase, cut short where the flapping ends. */
  private Duration upTo(Duration phase, long end) {
    Duration left = Duration.ofNanos(Math.max(0, end - nanoTime.getAsLong()));
    return phase.compareTo(left) < 0 ? phase : left;
  }

  private static Duration duration(Map<String, String> record, String key) {
    return Options.durationOf(key, HealRecords.get(record, key));
  }
}

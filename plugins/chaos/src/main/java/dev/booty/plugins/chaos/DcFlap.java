package dev.booty.plugins.chaos;

import static dev.booty.plugins.chaos.HealRecords.DATA_CENTERS;
import static dev.booty.plugins.chaos.HealRecords.KIND;
import static dev.booty.plugins.chaos.HealRecords.PATHS;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosContext.Path;
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
 * {@code dc-flap}: data centres drop off the WAN and come back, again and again, for the step's
 * duration (required). Targets: one or more data centres; their servers keep running.
 *
 * <p>Options: {@code down} (default 5s) and {@code up} (default 5s), how long each phase lasts;
 * {@code kind} {@code silent} (default: traffic is dropped and connections hang) or {@code hard}
 * (connections are closed at once). The last phase is cut short where the duration ends, and the
 * paths are always left restored. Heal restores every path.
 */
@Extension
public final class DcFlap implements ChaosMode {
  static final String ID = "dc-flap";
  static final String DOWN = "down";
  static final String UP = "up";
  static final String DURATION = "duration";
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
    Options options = Options.of(fault.options(), DOWN, UP, KIND);
    Duration down = options.positiveDuration(DOWN, DEFAULT_PHASE);
    Duration up = options.positiveDuration(UP, DEFAULT_PHASE);
    String kind = options.choice(KIND, DcOutage.SILENT, DcOutage.SILENT, DcOutage.HARD);
    if (fault.duration() == null || fault.duration().isZero()) {
      throw new IllegalArgumentException(
          ID + " needs a duration: how long the data centres flap, e.g. 1m");
    }
    Topology topology = Topology.of(context);
    List<String> dcs = topology.dataCenters(fault.targets(), ID).stream().map(Site::name).toList();
    Map<String, String> record = new LinkedHashMap<>();
    record.put(KIND, kind);
    record.put(DATA_CENTERS, HealRecords.join(dcs));
    record.put(PATHS, HealRecords.join(topology.pathsFrom(dcs)));
    record.put(DOWN, Durations.format(down));
    record.put(UP, Durations.format(up));
    record.put(DURATION, Durations.format(fault.duration()));
    return record;
  }

  @Override
  public void inject(FaultSpec fault, Map<String, String> record, ChaosContext context)
      throws InterruptedException {
    long end = nanoTime.getAsLong() + duration(record, DURATION).toNanos();
    Duration down = duration(record, DOWN);
    Duration up = duration(record, UP);
    Path cut = new Path(null, 0, true, HealRecords.get(record, KIND).equals(DcOutage.SILENT));
    List<Pair> paths = HealRecords.paths(record);
    String dcs = Options.join(HealRecords.list(record, DATA_CENTERS));
    for (int cycle = 1; end - nanoTime.getAsLong() > 0; cycle++) {
      Interrupts.check();
      context.plugin().progress(ID + ": " + dcs + " down (cycle " + cycle + ")");
      setAll(paths, cut, context);
      context.sleep(upTo(down, end));
      setAll(paths, Path.configured(), context);
      context.plugin().progress(ID + ": " + dcs + " up (cycle " + cycle + ")");
      if (end - nanoTime.getAsLong() <= 0) {
        break;
      }
      context.sleep(upTo(up, end));
    }
  }

  @Override
  public void heal(Map<String, String> record, ChaosContext context) {
    Healing healing = new Healing(ID);
    for (Pair p : HealRecords.paths(record)) {
      healing.attempt("restoring path " + p, () -> context.path(p.a(), p.b(), Path.configured()));
    }
    healing.done();
  }

  private static void setAll(List<Pair> paths, Path state, ChaosContext context) {
    for (Pair p : paths) {
      context.path(p.a(), p.b(), state);
    }
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

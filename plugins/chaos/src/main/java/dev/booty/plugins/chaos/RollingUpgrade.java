package dev.booty.plugins.chaos;

import static dev.booty.plugins.chaos.HealRecords.DATA_CENTERS;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosContext.Server;
import dev.booty.api.ChaosContext.Site;
import dev.booty.api.ChaosMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.pf4j.Extension;

/**
 * {@code rolling-upgrade}: every server of the targeted data centres (none named: all of them)
 * moves to another nats-server version, one at a time through lame duck (the context's {@link
 * ChaosContext#upgrade}), and must report that version afterwards.
 *
 * <p>Option {@code to} (required) is an installed version. Option {@code strategy}:
 *
 * <ul>
 *   <li>{@code server-per-dc} (default): in rounds; round k upgrades the k-th server of every data
 *       centre at once, one thread per data centre, and the next round starts when all are done.
 *   <li>{@code dc-at-a-time}: one data centre after the other, its servers one by one.
 *   <li>{@code server-at-a-time}: every server one by one, taking the data centres in turn (the
 *       first server of each, then the second of each, ...).
 * </ul>
 *
 * <p>The step's duration is ignored: an upgrade takes what it takes. Finished servers have nothing
 * to undo, but an interrupted upgrade may leave a data centre's job stopped, so heal runs the job
 * of every targeted data centre (idempotent).
 */
@Extension
public final class RollingUpgrade implements ChaosMode {
  static final String ID = "rolling-upgrade";
  static final String TO = "to";
  static final String STRATEGY = "strategy";
  static final String SERVER_PER_DC = "server-per-dc";
  static final String DC_AT_A_TIME = "dc-at-a-time";
  static final String SERVER_AT_A_TIME = "server-at-a-time";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, String> prepare(FaultSpec fault, ChaosContext context) {
    Options options = Options.of(fault.options(), TO, STRATEGY);
    String to = options.required(TO, "the nats-server version to upgrade to");
    List<String> installed = context.installedVersions();
    if (!installed.contains(to)) {
      throw new IllegalArgumentException(
          "option 'to': nats-server "
              + to
              + " is not installed (installed: "
              + Options.join(installed)
              + ")");
    }
    String strategy =
        options.choice(STRATEGY, SERVER_PER_DC, SERVER_PER_DC, DC_AT_A_TIME, SERVER_AT_A_TIME);
    Topology topology = Topology.of(context);
    List<String> dcs =
        fault.targets().isEmpty()
            ? topology.dataCenterNames()
            : topology.dataCenters(fault.targets(), ID).stream().map(Site::name).toList();
    Map<String, String> record = new LinkedHashMap<>();
    record.put(TO, to);
    record.put(STRATEGY, strategy);
    record.put(DATA_CENTERS, HealRecords.join(dcs));
    return record;
  }

  @Override
  public void inject(FaultSpec fault, Map<String, String> record, ChaosContext context)
      throws InterruptedException {
    String to = HealRecords.get(record, TO);
    Topology topology = Topology.of(context);
    List<Site> sites =
        HealRecords.list(record, DATA_CENTERS).stream().map(topology::dataCenter).toList();
    List<List<Server>> rounds = rounds(sites);
    int total = sites.stream().mapToInt(s -> s.servers().size()).sum();
    AtomicInteger done = new AtomicInteger();
    switch (HealRecords.get(record, STRATEGY)) {
      case SERVER_PER_DC -> {
        for (List<Server> round : rounds) {
          Interrupts.check();
          inParallel(round, server -> upgrade(server, to, context, done, total));
        }
      }
      case DC_AT_A_TIME -> {
        for (Site site : sites) {
          for (Server server : site.servers()) {
            Interrupts.check();
            upgrade(server, to, context, done, total);
          }
        }
      }
      case SERVER_AT_A_TIME -> {
        for (List<Server> round : rounds) {
          for (Server server : round) {
            Interrupts.check();
            upgrade(server, to, context, done, total);
          }
        }
      }
      default ->
          throw new IllegalArgumentException(
              "heal record: unknown strategy '" + record.get(STRATEGY) + "'");
    }
  }

  @Override
  public void heal(Map<String, String> record, ChaosContext context) {
    new Healing(ID, context).start(HealRecords.list(record, DATA_CENTERS)).done();
  }

  /** Round k holds the k-th server of every data centre that has one. */
  static List<List<Server>> rounds(List<Site> sites) {
    int most = sites.stream().mapToInt(s -> s.servers().size()).max().orElse(0);
    List<List<Server>> rounds = new ArrayList<>();
    for (int k = 0; k < most; k++) {
      List<Server> round = new ArrayList<>();
      for (Site site : sites) {
        if (k < site.servers().size()) {
          round.add(site.servers().get(k));
        }
      }
      rounds.add(round);
    }
    return rounds;
  }

  private static void upgrade(
      Server server, String to, ChaosContext context, AtomicInteger done, int total) {
    context.upgrade(server.name(), to);
    String actual = context.version(server.name());
    if (!to.equals(actual)) {
      throw new IllegalStateException(
          "server %s reports version %s after its upgrade, expected %s"
              .formatted(server.name(), actual, to));
    }
    // counted and printed together, so parallel upgrades print 1/9, 2/9, ... in order
    synchronized (done) {
      context
          .plugin()
          .progress(
              "%s: %s runs %s (%d/%d)"
                  .formatted(ID, server.name(), to, done.incrementAndGet(), total));
    }
  }

  /**
   * Runs the task for every server at once, a thread each, and returns when all are done. The first
   * failure is thrown, the others suppressed in it; interruption cancels the lot.
   */
  private static void inParallel(List<Server> servers, Consumer<Server> task)
      throws InterruptedException {
    List<Callable<Void>> calls = new ArrayList<>();
    for (Server server : servers) {
      calls.add(
          () -> {
            Thread.currentThread().setName(ID + "-" + server.dataCenter());
            task.accept(server);
            return null;
          });
    }
    RuntimeException failure = null;
    try (ExecutorService threads =
        Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory())) {
      for (Future<Void> f : threads.invokeAll(calls)) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          RuntimeException cause =
              e.getCause() instanceof RuntimeException r
                  ? r
                  : new IllegalStateException(e.getCause().getMessage(), e.getCause());
          if (failure == null) {
            failure = cause;
          } else {
            failure.addSuppressed(cause);
          }
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}

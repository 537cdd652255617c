package dev.booty.core.verdict;

import dev.booty.core.client.ClientReport;
import dev.booty.core.client.ClientReport.ConnectionEvent;
import dev.booty.core.client.SequenceSet;
import dev.booty.core.report.RunReport.ConnectionSample;
import dev.booty.core.report.RunReport.DcImpact;
import dev.booty.core.report.RunReport.GroupImpact;
import dev.booty.core.report.RunReport.GroupSummary;
import dev.booty.core.report.RunReport.KindTotals;
import dev.booty.core.report.RunReport.LatencySample;
import dev.booty.core.report.RunReport.Stat;
import dev.booty.core.report.RunReport.StepReport;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Turns the clients' final reports and the timeline into the figures of a {@link RunReport}: per
 * step and data centre, who lost its connection, how long detecting and reconnecting took and where
 * clients landed against the nearest healthy data centre; messages lost and duplicated per workload
 * kind, merged across the clients that share a queue group or durable; latency per second. Each
 * figure per data centre is also given per client kind ({@code jvm}, {@code browser}): the kinds
 * share servers, subjects and durables but reconnect differently. Pure: everything comes from its
 * arguments.
 */
public final class RunAnalysis {
  /** After a step heals, how long its effects are still counted as its own. */
  static final Duration AFTERMATH = Duration.ofSeconds(10);

  /**
   * A reconnection counts as the client's landing when it holds this long: one that is lost again
   * sooner (the next server of the same dying data centre) is a hop on the way.
   */
  static final Duration STABLE = Duration.ofSeconds(2);

  private final Inventory inventory;
  private final List<ClientReport> clients;
  private final Map<String, List<Event>> events = new HashMap<>();
  private final Map<String, TreeMap<Long, Histogram>> secondsByDc = new HashMap<>();
  private final Map<String, TreeMap<Long, Histogram>> secondsByGroup = new HashMap<>();

  /** By client kind: what {@link #secondsByDc} holds for the clients of that kind. */
  private final Map<String, Map<String, TreeMap<Long, Histogram>>> secondsByKind = new TreeMap<>();

  /** A connection event, read. */
  record Event(Instant at, String type, String dc) {}

  /** Client kinds in the order reports show them: jvm (today's clients) first, then by name. */
  static final Comparator<String> KIND_ORDER =
      Comparator.comparing((String k) -> !ClientReport.JVM.equals(k))
          .thenComparing(Comparator.naturalOrder());

  /** Every step of the run: which faults were in force together. */
  private List<StepRun> timeline = List.of();

  /** The run's steps, for figures that depend on every fault in force at an instant. */
  public RunAnalysis during(List<StepRun> steps) {
    this.timeline = List.copyOf(steps);
    return this;
  }

  public RunAnalysis(Inventory inventory, List<ClientReport> clients) {
    this.inventory = inventory;
    this.clients = List.copyOf(clients);
    for (ClientReport c : clients) {
      List<Event> list = new ArrayList<>();
      for (ConnectionEvent e : c.events() == null ? List.<ConnectionEvent>of() : c.events()) {
        try {
          list.add(new Event(Instant.parse(e.time()), e.type(), inventory.dcOfUrl(e.server())));
        } catch (RuntimeException ignored) {
          // an event without a readable time cannot be placed on the timeline
        }
      }
      list.sort(Comparator.comparing(Event::at));
      events.put(c.id(), list);
      TreeMap<Long, Histogram> perSecond =
          secondsByDc.computeIfAbsent(c.dc(), d -> new TreeMap<>());
      TreeMap<Long, Histogram> perGroupSecond =
          secondsByGroup.computeIfAbsent(c.groupOrDc(), d -> new TreeMap<>());
      TreeMap<Long, Histogram> perKindSecond =
          secondsByKind
              .computeIfAbsent(c.kindOrJvm(), k -> new HashMap<>())
              .computeIfAbsent(c.dc(), d -> new TreeMap<>());
      for (ClientReport.LatencyInterval i :
          c.intervals() == null ? List.<ClientReport.LatencyInterval>of() : c.intervals()) {
        Histogram h = decode(i.histogram());
        if (h != null) {
          perSecond.computeIfAbsent(i.second(), s -> newHistogram()).add(h);
          perGroupSecond.computeIfAbsent(i.second(), s -> newHistogram()).add(h);
          perKindSecond.computeIfAbsent(i.second(), s -> newHistogram()).add(h);
        }
      }
    }
  }

  /** The step's report: its impact on each client data centre. */
  public StepReport step(StepRun run, Instant ended) {
    Instant from = run.started();
    Instant to = (run.healed() == null ? ended : run.healed()).plus(AFTERMATH);
    if (to.isAfter(ended)) {
      to = ended;
    }
    Duration length = Duration.between(from, run.healed() == null ? ended : run.healed());
    List<DcImpact> impacts = new ArrayList<>();
    List<DcImpact> byKind = new ArrayList<>();
    for (String dc : clientDcs()) {
      impacts.add(impact(dc, null, run, from, to, length));
      for (String kind : clientKinds()) {
        if (clients.stream().anyMatch(c -> c.dc().equals(dc) && c.kindOrJvm().equals(kind))) {
          byKind.add(impact(dc, kind, run, from, to, length));
        }
      }
    }
    List<GroupImpact> groups = new ArrayList<>();
    for (List<ClientReport> group : groups()) {
      groups.add(groupImpact(group, run, from, to, length));
    }
    return new StepReport(
        run.index(),
        run.step().action(),
        run.step().targets(),
        run.step().options(),
        from.toString(),
        run.healed() == null ? null : run.healed().toString(),
        run.faulted(),
        impacts,
        run.error(),
        run.effective() == null ? null : run.effective().toString(),
        run.inForce() == null ? null : micros(from, run.inForce()) / 1000.0,
        groups,
        byKind);
  }

  private static long micros(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1000;
  }

  /** What the clients of a data centre or a group lived through a step. */
  private record Lived(
      int affected,
      List<Double> detect,
      List<Double> reconnect,
      Map<String, Integer> landed,
      int onNearest,
      int stranded,
      int reconnects,
      int maxReconnects) {}

  /** The nearest data centre to {@code dc} that {@code run} left healthy. */
  private String nearestHealthy(String dc, StepRun run) {
    return nearestOutside(dc, run.faulted());
  }

  /** The nearest data centre to {@code dc} (itself first) that is not one of {@code out}. */
  private String nearestOutside(String dc, java.util.Collection<String> out) {
    return inventory.byDistance(dc).stream().filter(d -> !out.contains(d)).findFirst().orElse(null);
  }

  /** The nearest data centre to {@code dc} that no step in force at {@code at} takes out. */
  private String nearestHealthyAt(String dc, Instant at, StepRun run) {
    java.util.Set<String> out = new java.util.HashSet<>(run.faulted());
    for (StepRun s : timeline) {
      Instant from = s.effectiveOrStarted();
      if (from != null && !at.isBefore(from) && (s.healed() == null || !at.isAfter(s.healed()))) {
        out.addAll(s.faulted());
      }
    }
    return nearestOutside(dc, out);
  }

  /**
   * A step as the clients of {@code dc} of client kind {@code kind} (null: every kind) lived it.
   */
  private DcImpact impact(
      String dc, String kind, StepRun run, Instant from, Instant to, Duration length) {
    List<ClientReport> here =
        clients.stream()
            .filter(c -> c.dc().equals(dc) && (kind == null || c.kindOrJvm().equals(kind)))
            .toList();
    String nearest = nearestHealthy(dc, run);
    Lived l = lived(here, nearest, run, from, to);
    Map<String, TreeMap<Long, Histogram>> seconds =
        kind == null ? secondsByDc : secondsByKind.getOrDefault(kind, Map.of());
    return new DcImpact(
        dc,
        here.size(),
        l.affected(),
        stat(l.detect()),
        stat(l.reconnect()),
        l.landed(),
        nearest,
        l.onNearest(),
        l.stranded(),
        stat(window(seconds, dc, from.minus(length), from)),
        stat(window(seconds, dc, from, from.plus(length))),
        stat(window(seconds, dc, from.plus(length), from.plus(length).plus(length))),
        l.reconnects(),
        l.maxReconnects(),
        kind);
  }

  private GroupImpact groupImpact(
      List<ClientReport> here, StepRun run, Instant from, Instant to, Duration length) {
    ClientReport first = here.getFirst();
    String dc = first.dc();
    String nearest = nearestHealthy(dc, run);
    Lived l = lived(here, nearest, run, from, to);
    Instant effective = run.effectiveOrStarted();
    Instant faultEnds = run.healed() == null ? to : run.healed();
    int newClients = 0;
    int newOffNearest = 0;
    for (ClientReport c : here) {
      Event connected =
          events.getOrDefault(c.id(), List.of()).stream()
              .filter(e -> e.type().equals("CONNECTED"))
              .findFirst()
              .orElse(null);
      if (connected == null
          || connected.at().isBefore(effective)
          || connected.at().isAfter(faultEnds)) {
        continue;
      }
      newClients++;
      // a client that starts while several faults are in force (this step's and another's) goes
      // to the nearest data centre none of them takes out
      if (!java.util.Objects.equals(connected.dc(), nearestHealthyAt(dc, connected.at(), run))) {
        newOffNearest++;
      }
    }
    List<Double> changes = new ArrayList<>();
    int unchanged = 0;
    if (!run.faulted().isEmpty()) {
      for (ClientReport c : here) {
        Boolean named = null; // whether the answer names a faulted data centre
        Instant changed = null;
        for (ClientReport.DnsAnswer a :
            c.dns() == null ? List.<ClientReport.DnsAnswer>of() : c.dns().answers()) {
          Instant at;
          try {
            at = Instant.parse(a.time());
          } catch (RuntimeException e) {
            continue;
          }
          boolean names = a.addresses().stream().anyMatch(ip -> faulted(run, ip));
          if (!at.isAfter(effective)) {
            named = names;
          } else if (Boolean.TRUE.equals(named) && !names && !at.isAfter(to)) {
            changed = at;
            break;
          }
        }
        if (!Boolean.TRUE.equals(named)) {
          continue; // no answer yet, or one that never named the dead data centre
        }
        if (changed == null) {
          unchanged++;
        } else {
          changes.add(Math.max(0, micros(effective, changed)) / 1000.0);
        }
      }
    }
    return new GroupImpact(
        first.groupOrDc(),
        dc,
        first.bootstrap() == null ? "seeds" : first.bootstrap(),
        first.profile() == null ? "careful" : first.profile(),
        here.size(),
        l.affected(),
        stat(l.detect()),
        stat(l.reconnect()),
        l.landed(),
        nearest,
        l.onNearest(),
        l.stranded(),
        stat(window(secondsByGroup, first.groupOrDc(), from, from.plus(length))),
        l.reconnects(),
        l.maxReconnects(),
        newClients,
        newOffNearest,
        stat(changes),
        unchanged,
        first.kindOrJvm());
  }

  /** Whether {@code address} (an answer's) is a server of a data centre {@code run} faulted. */
  private boolean faulted(StepRun run, String address) {
    String dc = inventory.dcOfHost(address);
    return dc != null && run.faulted().contains(dc);
  }

  /** The clients in groups, in the data centres' file order, then by label. */
  private List<List<ClientReport>> groups() {
    Map<String, List<ClientReport>> by = new TreeMap<>();
    clients.forEach(c -> by.computeIfAbsent(c.groupOrDc(), g -> new ArrayList<>()).add(c));
    List<List<ClientReport>> out = new ArrayList<>(by.values());
    out.sort((a, b) -> byFileOrder(a.getFirst().dc(), b.getFirst().dc()));
    return out;
  }

  private Lived lived(
      List<ClientReport> here, String nearest, StepRun run, Instant from, Instant to) {
    List<Double> detect = new ArrayList<>();
    List<Double> reconnect = new ArrayList<>();
    Map<String, Integer> landed = new TreeMap<>();
    int affected = 0;
    int onNearest = 0;
    int stranded = 0;
    int reconnects = 0;
    int maxReconnects = 0;
    Instant effective = run.effectiveOrStarted();
    for (ClientReport c : here) {
      int mine = reconnections(c, from, to);
      reconnects += mine;
      maxReconnects = Math.max(maxReconnects, mine);
      Event lost = null;
      Event back = null;
      for (Event e : events.getOrDefault(c.id(), List.of())) {
        if (e.at().isBefore(from)) {
          continue;
        }
        if (e.type().equals("CLOSED")) {
          if (back == null) {
            lost = null; // closed on purpose (scaled down, stopped): not an outage it lived
          }
          break;
        }
        if (lost == null) {
          if (e.type().equals("DISCONNECTED") && !e.at().isAfter(to)) {
            lost = e;
          }
        } else if (e.type().equals("RECONNECTED") || e.type().equals("CONNECTED")) {
          back = e;
        } else if (back != null && e.type().equals("DISCONNECTED")) {
          if (Duration.between(back.at(), e.at()).compareTo(STABLE) >= 0) {
            break;
          }
          back = null; // a hop: lost again at once
        }
      }
      if (lost == null) {
        continue;
      }
      affected++;
      // clients and agents may run on hosts whose clocks differ a little: never below 0
      detect.add(Math.max(0, micros(effective, lost.at())) / 1000.0);
      if (back == null || back.at().isAfter(to)) {
        stranded++;
        continue;
      }
      reconnect.add(Math.max(0, micros(effective, back.at())) / 1000.0);
      String where = back.dc() == null ? "unknown" : back.dc();
      landed.merge(where, 1, Integer::sum);
      if (where.equals(nearest)) {
        onNearest++;
      }
    }
    return new Lived(
        affected, detect, reconnect, landed, onNearest, stranded, reconnects, maxReconnects);
  }

  /** How often a client reconnected from {@code from} to {@code to}. */
  private int reconnections(ClientReport c, Instant from, Instant to) {
    int n = 0;
    for (Event e : events.getOrDefault(c.id(), List.of())) {
      if (e.type().equals("RECONNECTED") && !e.at().isBefore(from) && !e.at().isAfter(to)) {
        n++;
      }
    }
    return n;
  }

  /** Messages of every kind, merged across the clients that share a subject. */
  public Map<String, KindTotals> totals(List<StepRun> steps) {
    return totals(steps, c -> true);
  }

  /**
   * {@link #totals} for the publishers of each client kind apart ({@code jvm}, {@code browser}):
   * what a browser sent counts as arrived wherever it arrived, a JVM client included.
   */
  public Map<String, Map<String, KindTotals>> totalsByClientKind(List<StepRun> steps) {
    Map<String, Map<String, KindTotals>> out = new LinkedHashMap<>();
    for (String kind : clientKinds()) {
      out.put(kind, totals(steps, c -> c != null && c.kindOrJvm().equals(kind)));
    }
    return out;
  }

  /**
   * Messages of every kind that the clients {@code publishers} accepts sent: what arrived is
   * counted across every client, what was sent, expected, lost and refused only for them.
   */
  public Map<String, KindTotals> totals(
      List<StepRun> steps, java.util.function.Predicate<ClientReport> publishers) {
    java.util.Set<String> faultedDcs = new java.util.HashSet<>();
    steps.forEach(s -> faultedDcs.addAll(s.faulted()));
    Map<String, ClientReport> byId = new HashMap<>();
    clients.forEach(c -> byId.put(c.id(), c));
    Map<String, KindTotals> out = new LinkedHashMap<>();
    java.util.Set<String> kinds = new java.util.TreeSet<>();
    clients.forEach(c -> kinds.addAll(c.kinds() == null ? List.of() : c.kinds().keySet()));
    for (String kind : kinds) {
      long sent = 0;
      long expected = 0;
      long lost = 0;
      long lostInFaulted = 0;
      long duplicated = 0;
      long errors = 0;
      // what arrived, by publisher: the union over receivers, and the sum of each receiver's count
      Map<String, SequenceSet> arrived = new HashMap<>();
      Map<String, Long> receipts = new HashMap<>();
      for (ClientReport c : clients) {
        ClientReport.KindReport k = c.kinds() == null ? null : c.kinds().get(kind);
        if (k == null) {
          continue;
        }
        if (publishers.test(c)) {
          sent += k.sent();
          errors += k.errors();
          duplicated += k.duplicated();
        }
        k.received()
            .forEach(
                (publisher, ranges) -> {
                  SequenceSet got = SequenceSet.parse(ranges);
                  arrived.merge(publisher, got, SequenceSet::union);
                  receipts.merge(publisher, got.size(), Long::sum);
                });
      }
      for (ClientReport c : clients) {
        ClientReport.KindReport k = c.kinds() == null ? null : c.kinds().get(kind);
        if (k == null || !publishers.test(c)) {
          continue;
        }
        if ("reply".equals(k.scope())) {
          expected += k.sent();
          lost += k.errors();
          if (faultedDcs.contains(c.dc())) {
            lostInFaulted += k.errors();
          }
          continue;
        }
        SequenceSet want = SequenceSet.parse(k.expected());
        expected += want.size();
        long missing = want.minus(arrived.getOrDefault(c.id(), new SequenceSet())).size();
        lost += missing;
        if (faultedDcs.contains(c.dc())) {
          lostInFaulted += missing;
        }
      }
      for (Map.Entry<String, Long> r : receipts.entrySet()) {
        ClientReport publisher = byId.get(r.getKey());
        if (publisher == null ? publishers.test(null) : publishers.test(publisher)) {
          duplicated += r.getValue() - arrived.get(r.getKey()).size();
        }
      }
      out.put(kind, new KindTotals(kind, sent, expected, lost, lostInFaulted, duplicated, errors));
    }
    return out;
  }

  /** Per second from {@code from} to {@code to}: where each client data centre's clients are. */
  public List<ConnectionSample> connections(Instant from, Instant to) {
    List<ConnectionSample> out = new ArrayList<>();
    for (long second = from.getEpochSecond(); second <= to.getEpochSecond(); second++) {
      Instant at = Instant.ofEpochSecond(second);
      Map<String, Map<String, Integer>> byDc = new TreeMap<>();
      Map<String, Map<String, Map<String, Integer>>> byKind = new TreeMap<>(KIND_ORDER);
      for (ClientReport c : clients) {
        String where = "none";
        boolean started = false;
        for (Event e : events.getOrDefault(c.id(), List.of())) {
          if (e.at().isAfter(at)) {
            break;
          }
          started = true;
          where =
              switch (e.type()) {
                case "CONNECTED", "RECONNECTED" -> e.dc() == null ? "unknown" : e.dc();
                default -> "none";
              };
        }
        if (started) {
          byDc.computeIfAbsent(c.dc(), d -> new TreeMap<>()).merge(where, 1, Integer::sum);
          byKind
              .computeIfAbsent(c.kindOrJvm(), k -> new TreeMap<>())
              .computeIfAbsent(c.dc(), d -> new TreeMap<>())
              .merge(where, 1, Integer::sum);
        }
      }
      out.add(new ConnectionSample(second, byDc, byKind));
    }
    return out;
  }

  /** Per second and client data centre: the latency of what arrived in that second. */
  public List<LatencySample> latency(Instant from, Instant to) {
    List<LatencySample> out = new ArrayList<>();
    samples(secondsByDc, null, from, to, out);
    out.sort(Comparator.comparingLong(LatencySample::second).thenComparing(LatencySample::dc));
    return out;
  }

  /** {@link #latency} for the clients of each client kind apart, jvm before browser. */
  public List<LatencySample> latencyByClientKind(Instant from, Instant to) {
    List<LatencySample> out = new ArrayList<>();
    for (String kind : clientKinds()) {
      samples(secondsByKind.getOrDefault(kind, Map.of()), kind, from, to, out);
    }
    out.sort(
        Comparator.comparingLong(LatencySample::second)
            .thenComparing(LatencySample::dc)
            .thenComparing(LatencySample::kind, KIND_ORDER));
    return out;
  }

  private void samples(
      Map<String, TreeMap<Long, Histogram>> seconds,
      String kind,
      Instant from,
      Instant to,
      List<LatencySample> out) {
    for (String dc : clientDcs()) {
      TreeMap<Long, Histogram> perSecond = seconds.getOrDefault(dc, new TreeMap<>());
      for (Map.Entry<Long, Histogram> e :
          perSecond.subMap(from.getEpochSecond(), true, to.getEpochSecond(), true).entrySet()) {
        Histogram h = e.getValue();
        out.add(
            new LatencySample(
                e.getKey(),
                dc,
                h.getTotalCount(),
                ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(99)),
                ms(h.getMaxValue()),
                kind));
      }
    }
  }

  /** Latency of everything every client received between two instants. */
  public Stat latencyAll(Instant from, Instant to) {
    return latencyAll(from, to, null);
  }

  /**
   * Latency of everything the clients of client kind {@code kind} (null: every client) received
   * between two instants.
   */
  public Stat latencyAll(Instant from, Instant to, String kind) {
    Map<String, TreeMap<Long, Histogram>> seconds =
        kind == null ? secondsByDc : secondsByKind.getOrDefault(kind, Map.of());
    Histogram all = newHistogram();
    for (String dc : clientDcs()) {
      all.add(window(seconds, dc, from, to));
    }
    return stat(all);
  }

  /** The client kinds of the run's clients, jvm before browser. */
  public List<String> clientKinds() {
    return clients.stream().map(ClientReport::kindOrJvm).distinct().sorted(KIND_ORDER).toList();
  }

  /** Each client group over the whole run, in the data centres' file order. */
  public List<GroupSummary> groups(List<StepRun> steps, Instant from, Instant to) {
    List<GroupSummary> out = new ArrayList<>();
    for (List<ClientReport> group : groups()) {
      ClientReport first = group.getFirst();
      java.util.Set<String> ids = new java.util.HashSet<>();
      group.forEach(c -> ids.add(c.id()));
      List<Double> resolve = new ArrayList<>();
      long errors = 0;
      for (ClientReport c : group) {
        if (c.dns() != null) {
          resolve.addAll(c.dns().resolveMs() == null ? List.of() : c.dns().resolveMs());
          errors += c.dns().resolveErrors();
        }
      }
      out.add(
          new GroupSummary(
              first.groupOrDc(),
              first.dc(),
              first.bootstrap() == null ? "seeds" : first.bootstrap(),
              first.profile() == null ? "careful" : first.profile(),
              group.size(),
              totals(steps, c -> c != null && ids.contains(c.id())),
              stat(resolve),
              errors,
              stat(window(secondsByGroup, first.groupOrDc(), from, to)),
              first.kindOrJvm()));
    }
    return out;
  }

  private static Histogram window(
      Map<String, TreeMap<Long, Histogram>> seconds, String key, Instant from, Instant to) {
    Histogram h = newHistogram();
    if (!to.isAfter(from)) {
      return h;
    }
    seconds
        .getOrDefault(key, new TreeMap<>())
        .subMap(from.getEpochSecond(), true, to.getEpochSecond(), false)
        .values()
        .forEach(h::add);
    return h;
  }

  private List<String> clientDcs() {
    return clients.stream().map(ClientReport::dc).distinct().sorted(this::byFileOrder).toList();
  }

  private int byFileOrder(String a, String b) {
    return Integer.compare(inventory.datacenters().indexOf(a), inventory.datacenters().indexOf(b));
  }

  static Stat stat(List<Double> values) {
    if (values.isEmpty()) {
      return Stat.EMPTY;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    return new Stat(
        sorted.size(), percentile(sorted, 50), percentile(sorted, 99), sorted.getLast());
  }

  /** The nearest-rank percentile of sorted values. */
  static double percentile(List<Double> sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private static Stat stat(Histogram h) {
    if (h.getTotalCount() == 0) {
      return Stat.EMPTY;
    }
    return new Stat(
        h.getTotalCount(),
        ms(h.getValueAtPercentile(50)),
        ms(h.getValueAtPercentile(99)),
        ms(h.getMaxValue()));
  }

  private static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }

  private static Histogram newHistogram() {
    Histogram h = new Histogram(3);
    h.setAutoResize(true);
    return h;
  }

  private static Histogram decode(String base64) {
    if (base64 == null || base64.isEmpty()) {
      return null;
    }
    try {
      return Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    } catch (DataFormatException | IllegalArgumentException e) {
      return null;
    }
  }
}

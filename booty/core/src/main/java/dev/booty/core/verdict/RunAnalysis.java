package dev.booty.core.verdict;

import dev.booty.core.client.ClientReport;
import dev.booty.core.client.ClientReport.ConnectionEvent;
import dev.booty.core.client.SequenceSet;
import dev.booty.core.report.RunReport.ConnectionSample;
import dev.booty.core.report.RunReport.DcImpact;
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
 * kind, merged across the clients that share a queue group or durable; latency per second. Pure:
 * everything comes from its arguments.
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

  /** A connection event, read. */
  record Event(Instant at, String type, String dc) {}

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
      for (ClientReport.LatencyInterval i :
          c.intervals() == null ? List.<ClientReport.LatencyInterval>of() : c.intervals()) {
        Histogram h = decode(i.histogram());
        if (h != null) {
          perSecond.computeIfAbsent(i.second(), s -> newHistogram()).add(h);
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
    for (String dc : clientDcs()) {
      impacts.add(impact(dc, run, from, to, length));
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
        run.inForce() == null ? null : micros(from, run.inForce()) / 1000.0);
  }

  private static long micros(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1000;
  }

  private DcImpact impact(String dc, StepRun run, Instant from, Instant to, Duration length) {
    List<ClientReport> here = clients.stream().filter(c -> c.dc().equals(dc)).toList();
    String nearest =
        inventory.byDistance(dc).stream()
            .filter(d -> !run.faulted().contains(d))
            .findFirst()
            .orElse(null);
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
    return new DcImpact(
        dc,
        here.size(),
        affected,
        stat(detect),
        stat(reconnect),
        landed,
        nearest,
        onNearest,
        stranded,
        latency(dc, from.minus(length), from),
        latency(dc, from, from.plus(length)),
        latency(dc, from.plus(length), from.plus(length).plus(length)),
        reconnects,
        maxReconnects);
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
    java.util.Set<String> faultedDcs = new java.util.HashSet<>();
    steps.forEach(s -> faultedDcs.addAll(s.faulted()));
    Map<String, String> dcOf = new HashMap<>();
    clients.forEach(c -> dcOf.put(c.id(), c.dc()));
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
        sent += k.sent();
        errors += k.errors();
        duplicated += k.duplicated();
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
        if (k == null) {
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
        duplicated += r.getValue() - arrived.get(r.getKey()).size();
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
        }
      }
      out.add(new ConnectionSample(second, byDc));
    }
    return out;
  }

  /** Per second and client data centre: the latency of what arrived in that second. */
  public List<LatencySample> latency(Instant from, Instant to) {
    List<LatencySample> out = new ArrayList<>();
    for (String dc : clientDcs()) {
      TreeMap<Long, Histogram> perSecond = secondsByDc.getOrDefault(dc, new TreeMap<>());
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
                ms(h.getMaxValue())));
      }
    }
    out.sort(Comparator.comparingLong(LatencySample::second).thenComparing(LatencySample::dc));
    return out;
  }

  /** Latency of everything every client received between two instants. */
  public Stat latencyAll(Instant from, Instant to) {
    Histogram all = newHistogram();
    for (String dc : clientDcs()) {
      all.add(window(dc, from, to));
    }
    return stat(all);
  }

  private Stat latency(String dc, Instant from, Instant to) {
    return stat(window(dc, from, to));
  }

  private Histogram window(String dc, Instant from, Instant to) {
    Histogram h = newHistogram();
    if (!to.isAfter(from)) {
      return h;
    }
    secondsByDc
        .getOrDefault(dc, new TreeMap<>())
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

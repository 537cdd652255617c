package dev.booty.core.verdict;

import dev.booty.core.BootyException;
import dev.booty.core.client.ClientReport;
import dev.booty.core.report.RunReport;
import dev.booty.core.report.RunReport.DcImpact;
import dev.booty.core.report.RunReport.ExpectationResult;
import dev.booty.core.report.RunReport.KindTotals;
import dev.booty.core.report.RunReport.StepReport;
import dev.booty.core.scenario.Expectation;
import dev.booty.core.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics a scenario's {@code expect} may name, measured from a run's figures, and the verdict:
 * each expectation holds or not. Times are in milliseconds; a bound may be written {@code 5s},
 * {@code 500ms}, {@code 2m} or as a plain number. An expectation with a {@code kind} judges the
 * same metric measured over the clients of that kind alone ({@link #stepsOfKind}).
 */
public final class Verdict {
  private static final Pattern BOUND = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");

  /** Every metric and what it measures, for --help and errors. */
  public static final Map<String, String> METRICS = metrics();

  private Verdict() {}

  private static Map<String, String> metrics() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(
        "detect_p50",
        "ms from a step's fault taking effect to an affected client's disconnect (median)");
    m.put("detect_p99", "the same, 99th percentile");
    m.put("detect_max", "the same, slowest client");
    m.put(
        "reconnect_p50",
        "ms from a step's fault taking effect until an affected client is connected again");
    m.put("reconnect_p99", "the same, 99th percentile");
    m.put("reconnect_max", "the same, slowest client");
    m.put(
        "injection_max",
        "ms from a step's start until its fault was in force (booty's own delay), slowest step");
    m.put("reconnects_max", "the most reconnections of one client during a step");
    m.put("clients_affected", "clients that lost their connection during a step");
    m.put("clients_not_reconnected", "affected clients without a connection when the step ended");
    m.put(
        "clients_off_nearest",
        "affected clients that reconnected elsewhere than the nearest" + " healthy data centre");
    m.put("messages_lost", "core messages (pubsub, queue) sent but never received");
    m.put("messages_duplicated", "core messages received more than once");
    m.put(
        "js_lost",
        "acknowledged JetStream messages never received, publishers in data centres"
            + " no step faulted");
    m.put("js_lost_all", "acknowledged JetStream messages never received, all publishers");
    m.put("js_duplicated", "JetStream messages delivered more than once");
    m.put("request_errors", "requests without a reply");
    m.put("client_errors", "every failed send of every kind (refused publish, no ack, no reply)");
    m.put("latency_p99", "ms, round trips over the whole measured run, 99th percentile");
    m.put("latency_max", "ms, the slowest round trip of the measured run");
    m.put(
        "new_clients_off_nearest",
        "clients whose first connection came while a step's fault was in effect and went"
            + " elsewhere than the nearest healthy data centre");
    m.put(
        "dns_resolve_p99",
        "ms a dns client took to resolve the scenario's DNS name at a connection or reconnect"
            + " attempt, 99th percentile, worst group");
    m.put(
        "dns_answer_change_ms",
        "ms from a step's fault taking effect until dns clients' answers no longer named the"
            + " faulted data centre, slowest group and step ('never' when one still did)");
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Refuses an expectation naming an unknown metric or with an unreadable bound, before a run. */
  public static void check(Scenario s) {
    for (int i = 0; i < s.expect().size(); i++) {
      Expectation e = s.expect().get(i);
      if (!METRICS.containsKey(e.metric())) {
        throw BootyException.usage(
            s.file()
                + ": expect["
                + i
                + "].metric: no metric '"
                + e.metric()
                + "' (known: "
                + String.join(", ", METRICS.keySet())
                + ")");
      }
      try {
        bound(e.value());
      } catch (IllegalArgumentException ex) {
        throw BootyException.usage(
            s.file() + ": expect[" + i + "]." + e.comparison().key() + ": " + ex.getMessage());
      }
    }
  }

  /** The value of every metric from a run's figures, without client groups' own figures. */
  public static Map<String, Double> measure(
      List<StepReport> steps, Map<String, KindTotals> totals, RunReport.Stat latency) {
    return measure(steps, totals, latency, List.of());
  }

  /** The value of every metric from a run's figures. */
  public static Map<String, Double> measure(
      List<StepReport> steps,
      Map<String, KindTotals> totals,
      RunReport.Stat latency,
      List<RunReport.GroupSummary> groups) {
    Map<String, Double> m = new LinkedHashMap<>();
    double affected = 0;
    double stranded = 0;
    double offNearest = 0;
    for (StepReport s : steps) {
      for (DcImpact d : s.datacenters()) {
        affected += d.affected();
        stranded += d.notReconnected();
        int landedTotal = d.landedIn().values().stream().mapToInt(Integer::intValue).sum();
        offNearest += landedTotal - d.onNearest();
      }
    }
    m.put("detect_p50", worst(steps, d -> d.detectMs().p50()));
    m.put("detect_p99", worst(steps, d -> d.detectMs().p99()));
    m.put("detect_max", worst(steps, d -> d.detectMs().max()));
    m.put("reconnect_p50", worst(steps, d -> d.reconnectMs().p50()));
    m.put("reconnect_p99", worst(steps, d -> d.reconnectMs().p99()));
    m.put("reconnect_max", worst(steps, d -> d.reconnectMs().max()));
    m.put(
        "injection_max",
        steps.stream()
            .filter(s -> s.injectionMs() != null)
            .mapToDouble(StepReport::injectionMs)
            .max()
            .orElse(0));
    m.put("reconnects_max", worst(steps, DcImpact::maxReconnects));
    m.put("clients_affected", affected);
    m.put("clients_not_reconnected", stranded);
    m.put("clients_off_nearest", offNearest);
    Set<String> core = Set.of("pubsub", "queue");
    m.put("messages_lost", sum(totals, core, KindTotals::lost));
    m.put("messages_duplicated", sum(totals, core, KindTotals::duplicated));
    KindTotals js = totals.get("jetstream");
    m.put("js_lost", js == null ? 0.0 : js.lost() - js.lostInFaulted());
    m.put("js_lost_all", js == null ? 0.0 : js.lost());
    m.put("js_duplicated", js == null ? 0.0 : js.duplicated());
    KindTotals req = totals.get("request");
    m.put("request_errors", req == null ? 0.0 : req.errors());
    m.put("client_errors", sum(totals, totals.keySet(), KindTotals::errors));
    m.put("latency_p99", latency.p99());
    m.put("latency_max", latency.max());
    double newOff = 0;
    double answerChange = 0;
    for (StepReport s : steps) {
      for (RunReport.GroupImpact g :
          s.groups() == null ? List.<RunReport.GroupImpact>of() : s.groups()) {
        newOff += g.newOffNearest();
        answerChange =
            Math.max(
                answerChange,
                g.dnsUnchanged() > 0 ? Double.POSITIVE_INFINITY : g.dnsAnswerChangeMs().max());
      }
    }
    m.put("new_clients_off_nearest", newOff);
    m.put(
        "dns_resolve_p99",
        groups.stream().mapToDouble(g -> g.dnsResolveMs().p99()).max().orElse(0));
    m.put("dns_answer_change_ms", answerChange);
    return m;
  }

  /**
   * The steps as the clients of one client kind lived them: each step's data centres are its {@code
   * byClientKind} entries of that kind, its groups the groups of that kind. A report of an older
   * run, without kinds, was all jvm.
   */
  public static List<StepReport> stepsOfKind(List<StepReport> steps, String kind) {
    List<StepReport> out = new ArrayList<>();
    for (StepReport s : steps) {
      List<DcImpact> dcs =
          s.byClientKind() == null
              ? (ClientReport.JVM.equals(kind) ? s.datacenters() : List.of())
              : s.byClientKind().stream().filter(d -> kind.equals(d.kind())).toList();
      List<RunReport.GroupImpact> groups =
          s.groups() == null
              ? null
              : s.groups().stream().filter(g -> kind.equals(kindOrJvm(g.kind()))).toList();
      out.add(
          new StepReport(
              s.index(),
              s.action(),
              s.targets(),
              s.options(),
              s.startedAt(),
              s.healedAt(),
              s.faulted(),
              dcs,
              s.error(),
              s.effectiveAt(),
              s.injectionMs(),
              groups,
              dcs));
    }
    return out;
  }

  /** The groups of one client kind. */
  public static List<RunReport.GroupSummary> groupsOfKind(
      List<RunReport.GroupSummary> groups, String kind) {
    return groups.stream().filter(g -> kind.equals(kindOrJvm(g.kind()))).toList();
  }

  private static String kindOrJvm(String kind) {
    return kind == null ? ClientReport.JVM : kind;
  }

  /** Each expectation against the measured metrics. */
  public static List<ExpectationResult> judge(List<Expectation> expect, Map<String, Double> m) {
    return judge(expect, m, Map.of());
  }

  /**
   * Each expectation against the metrics measured over every client ({@code m}) or, for one that
   * names a client kind, over the clients of that kind ({@code byKind}); one naming a kind no
   * client of the run had does not hold.
   */
  public static List<ExpectationResult> judge(
      List<Expectation> expect, Map<String, Double> m, Map<String, Map<String, Double>> byKind) {
    List<ExpectationResult> out = new ArrayList<>();
    for (Expectation e : expect) {
      if (e.kind() != null && !byKind.containsKey(e.kind())) {
        out.add(
            new ExpectationResult(
                e.metric(),
                e.comparison().key(),
                e.value(),
                "no " + e.kind() + " client reported",
                false,
                e.kind()));
        continue;
      }
      Map<String, Double> measured = e.kind() == null ? m : byKind.get(e.kind());
      double actual = measured.getOrDefault(e.metric(), Double.NaN);
      double bound = bound(e.value());
      boolean holds =
          switch (e.comparison()) {
            case BELOW -> actual < bound;
            case ABOVE -> actual > bound;
            case EQUALS -> actual == bound;
          };
      out.add(
          new ExpectationResult(
              e.metric(),
              e.comparison().key(),
              e.value(),
              format(e.metric(), actual),
              holds,
              e.kind()));
    }
    return out;
  }

  /** A bound in the metric's unit (ms for times). */
  static double bound(String text) {
    Matcher m = BOUND.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a number or a time like 500ms, 5s, 2m");
    }
    double v = Double.parseDouble(m.group(1));
    String unit = m.group(2);
    if (unit == null || unit.equals("ms")) {
      return v;
    }
    return unit.equals("s") ? v * 1000 : v * 60_000;
  }

  private static String format(String metric, double v) {
    if (Double.isInfinite(v)) {
      return "never";
    }
    String n =
        v == Math.rint(v)
            ? Long.toString((long) v)
            : String.format(java.util.Locale.ROOT, "%.2f", v);
    boolean time =
        metric.startsWith("detect")
            || metric.startsWith("reconnect_")
            || metric.startsWith("injection")
            || metric.startsWith("latency")
            || metric.startsWith("dns_");
    return time ? n + "ms" : n;
  }

  private static double worst(List<StepReport> steps, ToDoubleFunction<DcImpact> f) {
    double w = 0;
    for (StepReport s : steps) {
      for (DcImpact d : s.datacenters()) {
        w = Math.max(w, f.applyAsDouble(d));
      }
    }
    return w;
  }

  private static double sum(
      Map<String, KindTotals> totals,
      java.util.Collection<String> kinds,
      java.util.function.ToLongFunction<KindTotals> f) {
    return totals.entrySet().stream()
        .filter(e -> kinds.contains(e.getKey()))
        .mapToLong(e -> f.applyAsLong(e.getValue()))
        .sum();
  }
}

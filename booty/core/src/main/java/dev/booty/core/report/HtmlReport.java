package dev.booty.core.report;

import dev.booty.core.client.ClientReport;
import dev.booty.core.report.RunReport.ConnectionSample;
import dev.booty.core.report.RunReport.DcImpact;
import dev.booty.core.report.RunReport.ExpectationResult;
import dev.booty.core.report.RunReport.KindTotals;
import dev.booty.core.report.RunReport.LatencySample;
import dev.booty.core.report.RunReport.Stat;
import dev.booty.core.report.RunReport.StepReport;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.LongStream;

/**
 * Renders a {@link RunReport} as one self-contained HTML page ({@code report.html}): inline CSS and
 * hand-written SVG charts, nothing fetched from elsewhere. Every text from the report is escaped;
 * missing lists and fields render as empty sections or a dash. Browser clients share the charts of
 * their data centre's JVM clients: their lines carry round markers and "browser" in the legend, and
 * the tables give each step and the messages per client kind as well.
 */
public final class HtmlReport {
  private static final String[] PALETTE = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"
  };
  private static final String NONE_COLOUR = "#9e9e9e";
  private static final String DASH = "\u2014";

  /** Client kinds in the order charts and tables show them: jvm first, then by name. */
  private static final Comparator<String> KIND_ORDER =
      Comparator.comparing((String k) -> !ClientReport.JVM.equals(k))
          .thenComparing(Comparator.naturalOrder());

  private static final String CSS =
      """
      body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}
      h1{margin-bottom:.2em} h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
      .badge{display:inline-block;padding:.3em .9em;border-radius:.4em;color:#fff;font-size:1.6em;
      font-weight:bold;text-transform:uppercase}
      .pass{background:#2e7d32}.fail{background:#c62828}.broken,.unknown{background:#757575}
      .error{background:#fdecea;border-left:4px solid #c62828;padding:.5em 1em;white-space:pre-wrap}
      table{border-collapse:collapse;margin:.5em 0;font-size:.92em}
      th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left}
      th{background:#f5f5f5} td.num{text-align:right;font-variant-numeric:tabular-nums}
      tr.holds td.mark{color:#2e7d32;font-weight:bold} tr.fails{background:#fdecea}
      tr.fails td.mark{color:#c62828;font-weight:bold} td.bad{color:#c62828;font-weight:bold}
      .meta{color:#555} dl{display:grid;grid-template-columns:max-content auto;gap:.15em 1em}
      dt{font-weight:bold} dd{margin:0} .chart{margin:.5em 0 1em} .chart h3{margin:.2em 0}
      svg text{font-family:system-ui,sans-serif;font-size:11px;fill:#444}
      """;

  private HtmlReport() {}

  /** The whole page for {@code report}. */
  public static String render(RunReport report) {
    Timeline timeline = Timeline.of(report);
    Palette palette = new Palette(list(report.datacenters()));
    StringBuilder html = new StringBuilder(16_384);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>booty: ")
        .append(esc(report.scenario()))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body>\n");
    header(html, report);
    expectations(html, list(report.expectations()));
    steps(html, list(report.steps()), browsersRan(report));
    totals(html, report.totals() == null ? Map.of() : report.totals());
    totalsByKind(html, report);
    groups(html, list(report.groups()));
    connectionsPlot(html, report, timeline, palette);
    latencyPlot(html, report, timeline, palette);
    clients(html, list(report.clients()));
    return html.append("</body></html>\n").toString();
  }

  private static void header(StringBuilder html, RunReport report) {
    String outcome = report.outcome() == null ? "unknown" : report.outcome();
    String badgeClass = Set.of("pass", "fail", "broken").contains(outcome) ? outcome : "unknown";
    html.append("<header><h1>")
        .append(esc(report.scenario()))
        .append("</h1><p class=\"meta\">")
        .append(esc(report.file()))
        .append("</p><p><span class=\"badge ")
        .append(badgeClass)
        .append("\" id=\"outcome\">")
        .append(esc(outcome))
        .append("</span></p>");
    if (report.error() != null) {
      html.append("<pre class=\"error\" id=\"run-error\">").append(esc(report.error()));
      html.append("</pre>");
    }
    html.append("<dl><dt>Started</dt><dd>").append(text(report.startedAt()));
    html.append("</dd><dt>Measured from</dt><dd>").append(text(report.measureFrom()));
    html.append("</dd><dt>Ended</dt><dd>").append(text(report.endedAt()));
    html.append("</dd><dt>Data centres</dt><dd>").append(text(join(report.datacenters())));
    if (report.measuredRttMs() != null && !report.measuredRttMs().isEmpty()) {
      // what the gateways measured, beside what the scenario configured (emulated WAN links)
      html.append("</dd><dt>Round trips (gateways)</dt><dd id=\"measured-rtt\">");
      List<String> pairs = new ArrayList<>();
      report
          .measuredRttMs()
          .forEach(
              (pair, ms) -> {
                Long configured = report.rttMs() == null ? null : report.rttMs().get(pair);
                pairs.add(
                    esc(pair.replace("->", " → "))
                        + " "
                        + String.format(java.util.Locale.ROOT, "%.1f ms", ms)
                        + (configured == null || configured == 0
                            ? ""
                            : " (configured " + configured + " ms)"));
              });
      html.append(String.join(", ", pairs));
    }
    html.append("</dd></dl></header>\n");
  }

  private static void expectations(StringBuilder html, List<ExpectationResult> expectations) {
    html.append("<section id=\"expectations\"><h2>Expectations</h2>");
    if (expectations.isEmpty()) {
      html.append("<p>None.</p></section>\n");
      return;
    }
    Table table = new Table(html, "metric|comparison|bound|actual|holds");
    for (ExpectationResult e : expectations) {
      html.append(e.holds() ? "<tr class=\"holds\">" : "<tr class=\"fails\">");
      table.cells(e.label(), e.comparison(), e.bound(), e.actual());
      html.append("<td class=\"mark\">").append(e.holds() ? "\u2713" : "\u2717");
      html.append("</td></tr>");
    }
    table.end();
    html.append("</section>\n");
  }

  /** Whether a client of another kind than jvm ran: then tables are also split by kind. */
  private static boolean browsersRan(RunReport report) {
    return list(report.clients()).stream().anyMatch(c -> !ClientReport.JVM.equals(c.kindOrJvm()))
        || list(report.steps()).stream()
            .flatMap(s -> list(s.byClientKind()).stream())
            .anyMatch(d -> !ClientReport.JVM.equals(d.kind()));
  }

  private static void steps(StringBuilder html, List<StepReport> steps, boolean byKind) {
    html.append("<section id=\"steps\"><h2>Steps</h2>");
    if (steps.isEmpty()) {
      html.append("<p>No steps ran.</p>");
    }
    for (StepReport step : steps) {
      html.append("<div class=\"step\"><h3>Step ").append(step.index()).append(": ");
      html.append(esc(step.action())).append("</h3><dl>");
      definition(html, "Targets", join(step.targets()));
      definition(html, "Options", options(step.options()));
      definition(html, "Started", step.startedAt());
      definition(
          html,
          "Took effect",
          step.effectiveAt() == null
              ? null
              : step.effectiveAt() + " (injected in " + number(step.injectionMs()) + " ms)");
      definition(html, "Healed", step.healedAt());
      definition(html, "Faulted", join(step.faulted()));
      html.append("</dl>");
      if (step.error() != null) {
        html.append("<pre class=\"error\">").append(esc(step.error())).append("</pre>");
      }
      List<DcImpact> impacts = list(step.datacenters());
      if (!impacts.isEmpty()) {
        impactTable(html, impacts, false);
      }
      List<DcImpact> kinds = list(step.byClientKind());
      if (byKind && !kinds.isEmpty()) {
        html.append("<h4>By client kind</h4>");
        impactTable(html, kinds, true);
      }
      List<RunReport.GroupImpact> groups = list(step.groups());
      if (groups.stream().anyMatch(g -> !g.group().equals(g.dc()))) {
        groupTable(html, groups);
      }
      html.append("</div>");
    }
    html.append("</section>\n");
  }

  private static void impactTable(StringBuilder html, List<DcImpact> impacts, boolean byKind) {
    Table table =
        new Table(
            html,
            (byKind ? "dc|kind|" : "dc|")
                + "clients|affected|detect p50|detect p99|detect max|reconnect p50"
                + "|reconnect p99|reconnect max|landed in|nearest|on nearest|not reconnected"
                + "|p99 before|p99 during|p99 after|reconnects|most by one client");
    for (DcImpact d : impacts) {
      html.append(byKind ? "<tr data-kind=\"" + esc(d.kind()) + "\">" : "<tr>");
      table.cells(d.dc());
      if (byKind) {
        table.cells(d.kind());
      }
      table.numbers(d.clients(), d.affected());
      table.cells(ms(d.detectMs(), Stat::p50), ms(d.detectMs(), Stat::p99));
      table.cells(ms(d.detectMs(), Stat::max), ms(d.reconnectMs(), Stat::p50));
      table.cells(ms(d.reconnectMs(), Stat::p99), ms(d.reconnectMs(), Stat::max));
      table.cells(options(d.landedIn()), d.nearest());
      table.numbers(d.onNearest());
      table.flagged(d.notReconnected());
      table.cells(ms(d.latencyBeforeMs(), Stat::p99), ms(d.latencyDuringMs(), Stat::p99));
      table.cells(ms(d.latencyAfterMs(), Stat::p99));
      table.numbers(d.reconnects(), d.maxReconnects());
      html.append("</tr>");
    }
    table.end();
  }

  /** A step per client group, side by side: what each group's settings cost. */
  private static void groupTable(StringBuilder html, List<RunReport.GroupImpact> groups) {
    html.append("<h4>By client group</h4>");
    Table table =
        new Table(
            html,
            "group|kind|bootstrap|profile|clients|affected|detect p50|detect p99|reconnect p50"
                + "|reconnect p99|landed in|on nearest|not reconnected|p99 during|reconnects"
                + "|new clients|new off nearest|DNS answer change p50|DNS answer change max"
                + "|DNS answer unchanged");
    for (RunReport.GroupImpact g : groups) {
      html.append("<tr>");
      table.cells(g.group(), kindOrJvm(g.kind()), g.bootstrap(), g.profile());
      table.numbers(g.clients(), g.affected());
      table.cells(ms(g.detectMs(), Stat::p50), ms(g.detectMs(), Stat::p99));
      table.cells(ms(g.reconnectMs(), Stat::p50), ms(g.reconnectMs(), Stat::p99));
      table.cells(options(g.landedIn()));
      table.numbers(g.onNearest());
      table.flagged(g.notReconnected());
      table.cells(ms(g.latencyDuringMs(), Stat::p99));
      table.numbers(g.reconnects(), g.newClients());
      table.flagged(g.newOffNearest());
      table.cells(ms(g.dnsAnswerChangeMs(), Stat::p50), ms(g.dnsAnswerChangeMs(), Stat::max));
      table.flagged(g.dnsUnchanged());
      html.append("</tr>");
    }
    table.end();
  }

  /** The run per client group, when a data centre has a group of its own settings. */
  private static void groups(StringBuilder html, List<RunReport.GroupSummary> groups) {
    if (groups.stream().allMatch(g -> g.group().equals(g.dc()))) {
      return;
    }
    html.append("<section id=\"groups\"><h2>Client groups</h2>");
    Table table =
        new Table(
            html,
            "group|kind|bootstrap|profile|clients|messages lost|JetStream lost|send errors"
                + "|latency p99|DNS resolve p50|DNS resolve p99|DNS resolve max|DNS errors");
    for (RunReport.GroupSummary g : groups) {
      html.append("<tr>");
      table.cells(g.group(), kindOrJvm(g.kind()), g.bootstrap(), g.profile());
      table.numbers(g.clients());
      Map<String, KindTotals> t = g.totals() == null ? Map.of() : g.totals();
      long core =
          t.entrySet().stream()
              .filter(e -> e.getKey().equals("pubsub") || e.getKey().equals("queue"))
              .mapToLong(e -> e.getValue().lost())
              .sum();
      table.flagged(core);
      table.flagged(t.containsKey("jetstream") ? t.get("jetstream").lost() : 0);
      table.flagged(t.values().stream().mapToLong(KindTotals::errors).sum());
      table.cells(ms(g.latencyMs(), Stat::p99));
      boolean dns = "dns".equals(g.bootstrap());
      table.cells(
          dns ? ms(g.dnsResolveMs(), Stat::p50) : DASH,
          dns ? ms(g.dnsResolveMs(), Stat::p99) : DASH,
          dns ? ms(g.dnsResolveMs(), Stat::max) : DASH);
      table.flagged(g.dnsResolveErrors());
      html.append("</tr>");
    }
    table.end();
    html.append("</section>\n");
  }

  private static void totals(StringBuilder html, Map<String, KindTotals> totals) {
    html.append("<section id=\"totals\"><h2>Totals</h2>");
    if (totals.isEmpty()) {
      html.append("<p>No messages counted.</p></section>\n");
      return;
    }
    Table table = new Table(html, "kind|sent|expected|lost|lost in faulted|duplicated|errors");
    for (Map.Entry<String, KindTotals> entry : totals.entrySet()) {
      KindTotals t = entry.getValue();
      if (t == null) {
        continue;
      }
      html.append("<tr>");
      table.cells(t.kind() == null ? entry.getKey() : t.kind());
      totalsCells(table, t);
    }
    table.end();
    html.append("</section>\n");
  }

  private static void totalsCells(Table table, KindTotals t) {
    table.numbers(t.sent(), t.expected());
    table.flagged(t.lost());
    table.numbers(t.lostInFaulted());
    table.flagged(t.duplicated());
    table.flagged(t.errors());
    table.html().append("</tr>");
  }

  /** The messages of each client kind's publishers, when browsers ran beside JVM clients. */
  private static void totalsByKind(StringBuilder html, RunReport report) {
    Map<String, Map<String, KindTotals>> byKind = report.totalsByClientKind();
    if (byKind == null || byKind.keySet().stream().allMatch(ClientReport.JVM::equals)) {
      return;
    }
    html.append("<section id=\"totals-by-kind\"><h2>Totals by client kind</h2>");
    html.append("<p class=\"meta\">Messages each kind's clients published; what arrived counts");
    html.append(" wherever it arrived, at a client of either kind.</p>");
    Table table =
        new Table(html, "client kind|kind|sent|expected|lost|lost in faulted|duplicated|errors");
    byKind.forEach(
        (clientKind, totals) -> {
          for (Map.Entry<String, KindTotals> entry :
              (totals == null ? Map.<String, KindTotals>of() : totals).entrySet()) {
            html.append("<tr data-kind=\"").append(esc(clientKind)).append("\">");
            table.cells(clientKind, entry.getKey());
            totalsCells(table, entry.getValue());
          }
        });
    table.end();
    html.append("</section>\n");
  }

  private static void connectionsPlot(
      StringBuilder html, RunReport report, Timeline timeline, Palette palette) {
    html.append("<section id=\"connections\"><h2>Connections per data centre</h2>");
    List<ConnectionSample> samples = list(report.connections());
    Set<String> clientDcs = new LinkedHashSet<>(list(report.datacenters()));
    samples.forEach(
        s -> clientDcs.addAll(s.byClientDc() == null ? Set.of() : s.byClientDc().keySet()));
    if (samples.isEmpty() || clientDcs.isEmpty()) {
      html.append("<p>No connection samples.</p>");
      clientDcs.clear();
    }
    for (String clientDc : clientDcs) {
      Set<String> serverDcs = new LinkedHashSet<>(list(report.datacenters()));
      for (ConnectionSample s : samples) {
        serverDcs.addAll(byServer(s, clientDc).keySet());
      }
      serverDcs.remove("none");
      serverDcs.add("none");
      LineChart chart = new LineChart("clients", false, timeline.bands());
      List<String> kinds = kindsIn(samples, clientDc);
      boolean byKind = kinds.stream().anyMatch(k -> !ClientReport.JVM.equals(k));
      for (String kind : byKind ? kinds : List.of(ClientReport.JVM)) {
        boolean browser = !ClientReport.JVM.equals(kind);
        for (String serverDc : serverDcs) {
          List<double[]> points = new ArrayList<>();
          for (ConnectionSample s : samples) {
            Integer count =
                (byKind ? byServer(s, kind, clientDc) : byServer(s, clientDc)).get(serverDc);
            points.add(new double[] {timeline.x(s.second()), count == null ? 0 : count});
          }
          chart.series(
              browser ? serverDc + " " + kind : serverDc,
              palette.colour(serverDc),
              browser,
              browser ? kind : null,
              points);
        }
      }
      html.append("<div class=\"chart\" data-dc=\"").append(esc(clientDc)).append("\"><h3>");
      html.append("Clients in ").append(esc(clientDc)).append(", connected to</h3>");
      if (byKind) {
        html.append("<p class=\"meta\">Browser clients: dashed lines with round markers.</p>");
      }
      html.append(chart.svg()).append("</div>");
    }
    html.append("</section>\n");
  }

  /** The client kinds the samples saw in {@code clientDc}, jvm first; none in older reports. */
  private static List<String> kindsIn(List<ConnectionSample> samples, String clientDc) {
    Set<String> kinds = new LinkedHashSet<>();
    for (ConnectionSample s : samples) {
      if (s.byClientKind() != null) {
        s.byClientKind()
            .forEach(
                (kind, byDc) -> {
                  if (byDc != null && byDc.containsKey(clientDc)) {
                    kinds.add(kind);
                  }
                });
      }
    }
    return kinds.stream().sorted(KIND_ORDER).toList();
  }

  private static void latencyPlot(
      StringBuilder html, RunReport report, Timeline timeline, Palette palette) {
    html.append("<section id=\"latency\"><h2>Latency over time</h2>");
    Map<String, List<LatencySample>> byDc = new LinkedHashMap<>();
    list(report.datacenters()).forEach(dc -> byDc.put(dc, new ArrayList<>()));
    for (LatencySample s : list(report.latency())) {
      byDc.computeIfAbsent(String.valueOf(s.dc()), dc -> new ArrayList<>()).add(s);
    }
    byDc.values().removeIf(List::isEmpty);
    if (byDc.isEmpty()) {
      html.append("<p>No latency samples.</p>");
    }
    // by data centre, then client kind: the samples of each kind apart, when browsers ran
    Map<String, Map<String, List<LatencySample>>> byKind = new LinkedHashMap<>();
    for (LatencySample s : list(report.latencyByClientKind())) {
      byKind
          .computeIfAbsent(String.valueOf(s.dc()), dc -> new TreeMap<>(KIND_ORDER))
          .computeIfAbsent(kindOrJvm(s.kind()), k -> new ArrayList<>())
          .add(s);
    }
    for (Map.Entry<String, List<LatencySample>> entry : byDc.entrySet()) {
      LineChart chart = new LineChart("ms (log)", true, timeline.bands());
      String colour = palette.colour(entry.getKey());
      Map<String, List<LatencySample>> kinds = byKind.getOrDefault(entry.getKey(), Map.of());
      boolean split = kinds.keySet().stream().anyMatch(k -> !ClientReport.JVM.equals(k));
      if (!split) {
        kinds = Map.of(ClientReport.JVM, entry.getValue());
      }
      for (Map.Entry<String, List<LatencySample>> kind : kinds.entrySet()) {
        boolean browser = !ClientReport.JVM.equals(kind.getKey());
        List<double[]> p50 = new ArrayList<>();
        List<double[]> p99 = new ArrayList<>();
        for (LatencySample s : kind.getValue()) {
          p50.add(new double[] {timeline.x(s.second()), s.p50Ms()});
          p99.add(new double[] {timeline.x(s.second()), s.p99Ms()});
        }
        String suffix = browser ? " " + kind.getKey() : "";
        String marker = browser ? kind.getKey() : null;
        chart.series("p50" + suffix, colour, true, marker, p50);
        chart.series("p99" + suffix, colour, false, marker, p99);
      }
      html.append("<div class=\"chart\" data-dc=\"").append(esc(entry.getKey())).append("\">");
      html.append("<h3>Round trips of clients in ").append(esc(entry.getKey())).append("</h3>");
      if (split) {
        html.append("<p class=\"meta\">Browser clients: lines with round markers.</p>");
      }
      html.append(chart.svg()).append("</div>");
    }
    html.append("</section>\n");
  }

  private static void clients(StringBuilder html, List<ClientReport> clients) {
    html.append("<section id=\"clients\"><details><summary>Clients (").append(clients.size());
    html.append(")</summary>");
    Table table =
        new Table(
            html,
            "id|dc|kind|sent|received|lost|duplicated|first server|last server"
                + "|disconnects|reconnects");
    for (ClientReport c : clients) {
      html.append("<tr>");
      table.cells(c.id(), c.dc(), c.kindOrJvm());
      table.numbers(c.sent(), c.received());
      table.flagged(c.lost());
      table.flagged(c.duplicated());
      table.cells(c.firstServer(), c.lastServer());
      table.numbers(list(c.disconnects()).size(), list(c.reconnects()).size());
      html.append("</tr>");
    }
    table.end();
    html.append("</details></section>\n");
  }

  private static Map<String, Integer> byServer(ConnectionSample sample, String clientDc) {
    Map<String, Map<String, Integer>> all = sample.byClientDc();
    Map<String, Integer> byServer = all == null ? null : all.get(clientDc);
    return byServer == null ? Map.of() : byServer;
  }

  /** Where the clients of one kind in {@code clientDc} are connected at one second. */
  private static Map<String, Integer> byServer(
      ConnectionSample sample, String kind, String clientDc) {
    Map<String, Map<String, Integer>> ofKind =
        sample.byClientKind() == null ? null : sample.byClientKind().get(kind);
    Map<String, Integer> byServer = ofKind == null ? null : ofKind.get(clientDc);
    return byServer == null ? Map.of() : byServer;
  }

  private static void definition(StringBuilder html, String term, String value) {
    html.append("<dt>").append(term).append("</dt><dd>").append(text(value)).append("</dd>");
  }

  private static String kindOrJvm(String kind) {
    return kind == null ? ClientReport.JVM : kind;
  }

  private static String ms(Stat stat, ToDoubleFunction<Stat> value) {
    return stat == null || stat.count() == 0 ? DASH : number(value.applyAsDouble(stat)) + " ms";
  }

  private static String options(Map<String, ?> map) {
    if (map == null || map.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    map.forEach((key, value) -> parts.add(key + ":" + value));
    return String.join(", ", parts);
  }

  private static String join(List<String> values) {
    return values == null || values.isEmpty() ? null : String.join(", ", values);
  }

  private static String text(String value) {
    return value == null || value.isEmpty() ? DASH : esc(value);
  }

  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.2f" : "%.1f", value);
  }

  private static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : values;
  }

  /** {@code value} safe as HTML text and inside a double- or single-quoted attribute. */
  static String esc(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (char c : value.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A table being written: a header row on creation, then escaped or numeric cells. */
  private record Table(StringBuilder html) {
    /** A table with the columns {@code headers}, separated by {@code |}. */
    Table(StringBuilder html, String headers) {
      this(html);
      html.append("<table><thead><tr>");
      for (String header : headers.split("\\|")) {
        html.append("<th>").append(esc(header)).append("</th>");
      }
      html.append("</tr></thead><tbody>");
    }

    void cells(String... values) {
      for (String value : values) {
        html.append("<td>").append(text(value)).append("</td>");
      }
    }

    void numbers(long... values) {
      for (long value : values) {
        html.append("<td class=\"num\">").append(value).append("</td>");
      }
    }

    /** A count that is bad news when above zero. */
    void flagged(long value) {
      html.append(value > 0 ? "<td class=\"num bad\">" : "<td class=\"num\">");
      html.append(value).append("</td>");
    }

    void end() {
      html.append("</tbody></table>");
    }
  }

  /** One colour per data centre, in the report's order; {@code none} grey. */
  private static final class Palette {
    private final Map<String, String> colours = new LinkedHashMap<>();

    Palette(List<String> datacenters) {
      datacenters.forEach(this::colour);
    }

    String colour(String dc) {
      if ("none".equals(dc)) {
        return NONE_COLOUR;
      }
      return colours.computeIfAbsent(dc, k -> PALETTE[colours.size() % PALETTE.length]);
    }
  }

  /** Seconds from the report's start, and the steps as bands on that axis. */
  private record Timeline(long origin, List<LineChart.Band> bands) {
    static Timeline of(RunReport report) {
      Instant start = instant(report.startedAt());
      LongStream seconds =
          LongStream.concat(
              list(report.connections()).stream().mapToLong(ConnectionSample::second),
              list(report.latency()).stream().mapToLong(LatencySample::second));
      long origin = start != null ? start.getEpochSecond() : seconds.min().orElse(0);
      Instant end = instant(report.endedAt());
      List<LineChart.Band> bands = new ArrayList<>();
      for (StepReport step : list(report.steps())) {
        Instant from = instant(step.startedAt());
        if (from == null) {
          continue;
        }
        Instant to = instant(step.healedAt());
        double toX = to != null ? to.getEpochSecond() - origin : Double.NaN;
        if (to == null && end != null) {
          toX = end.getEpochSecond() - origin;
        }
        bands.add(new LineChart.Band(from.getEpochSecond() - origin, toX, step.action()));
      }
      return new Timeline(origin, bands);
    }

    double x(long epochSecond) {
      return epochSecond - origin;
    }

    private static Instant instant(String iso) {
      if (iso == null) {
        return null;
      }
      try {
        return Instant.parse(iso);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }
}

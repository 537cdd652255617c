package dev.booty.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.client.ClientReport;
import dev.booty.core.report.RunReport.ConnectionSample;
import dev.booty.core.report.RunReport.DcImpact;
import dev.booty.core.report.RunReport.GroupImpact;
import dev.booty.core.report.RunReport.GroupSummary;
import dev.booty.core.report.RunReport.KindTotals;
import dev.booty.core.report.RunReport.LatencySample;
import dev.booty.core.report.RunReport.Stat;
import dev.booty.core.report.RunReport.StepReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Browser clients in the report page: in the same charts as their data centre's JVM clients, drawn
 * apart (dashed, round markers, "browser" in the legend), and in tables of their own kind.
 */
class HtmlReportKindsTest {
  private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
  private static final Pattern SERIES =
      Pattern.compile("<polyline class=\"series\" data-series=\"([^\"]*)\"([^>]*)>");

  @Test
  void browserLinesShareTheirDataCentresChartsAndAreMarked() {
    String html = HtmlReport.render(report());

    String connections = section(html, "connections");
    String london = chart(connections, "london");
    String dallas = chart(connections, "dallas");
    // london has JVM clients alone: drawn as always
    assertThat(names(london)).containsExactly("london", "dallas", "none");
    assertThat(london).doesNotContain("data-kind", "<circle", "Browser clients");
    // dallas: a line per server data centre for each kind, the browser ones dashed and marked
    assertThat(names(dallas))
        .containsExactly(
            "london", "dallas", "none", "london browser", "dallas browser", "none browser");
    Matcher m = SERIES.matcher(dallas);
    while (m.find()) {
      boolean browser = m.group(1).endsWith(" browser");
      assertThat(m.group(2).contains("data-kind=\"browser\"")).isEqualTo(browser);
      assertThat(m.group(2).contains("stroke-dasharray")).isEqualTo(browser);
    }
    // six samples per line, and one in the legend, for each of the three browser lines
    assertThat(count(dallas, "<circle class=\"marker\" data-kind=\"browser\"")).isEqualTo(21);
    assertThat(dallas)
        .contains(">london browser</text>", "Browser clients: dashed lines with round markers.");
    // the browsers' own counts: 3 in london during the step
    assertThat(dallas).contains("data-series=\"london browser\"");

    String latency = section(html, "latency");
    assertThat(names(chart(latency, "london"))).containsExactly("p50", "p99");
    assertThat(names(chart(latency, "dallas")))
        .containsExactly("p50", "p99", "p50 browser", "p99 browser");
    assertThat(count(chart(latency, "dallas"), "<circle class=\"marker\"")).isEqualTo(14);
  }

  @Test
  void stepsGroupsMessagesAndClientsSayTheirKind() {
    String html = HtmlReport.render(report());

    String steps = section(html, "steps");
    assertThat(steps).contains("<h4>By client kind</h4>");
    assertThat(steps)
        .contains(
            "<tr data-kind=\"jvm\"><td>dallas</td><td>jvm</td><td class=\"num\">6</td>"
                + "<td class=\"num\">6</td><td>3200 ms</td>")
        .contains(
            "<tr data-kind=\"browser\"><td>dallas</td><td>browser</td><td class=\"num\">4</td>"
                + "<td class=\"num\">4</td><td>3500 ms</td>");
    // the group table: a kind column
    assertThat(steps)
        .contains("<th>group</th><th>kind</th>", "<td>dallas-browser</td><td>browser</td>")
        .contains("<td>dallas</td><td>jvm</td><td>seeds</td>");
    assertThat(section(html, "groups")).contains("<td>dallas-browser</td><td>browser</td>");

    String byKind = section(html, "totals-by-kind");
    assertThat(byKind)
        .contains(
            "<tr data-kind=\"browser\"><td>browser</td><td>pubsub</td><td class=\"num\">40</td>"
                + "<td class=\"num\">40</td><td class=\"num bad\">1</td>")
        .contains("<tr data-kind=\"jvm\"><td>jvm</td><td>pubsub</td>");

    String clients = section(html, "clients");
    assertThat(clients)
        .contains("<th>id</th><th>dc</th><th>kind</th>")
        .contains("<td>b-dallas</td><td>dallas</td><td>browser</td>")
        .contains("<td>c-dallas</td><td>dallas</td><td>jvm</td>");
  }

  @Test
  void aRunOfJvmClientsHasNoKindTablesOrMarkers() {
    String html = HtmlReport.render(HtmlReportTest.fixture("failover", "pass", null));

    assertThat(html).doesNotContain("By client kind", "totals-by-kind", "<circle", "data-kind");
    assertThat(section(html, "clients")).contains("<td>c-dallas</td><td>dallas</td><td>jvm</td>");
  }

  /**
   * London with JVM clients; Dallas with 6 JVM clients and 4 browsers; Dallas out from 20 s to 40
   * s, its clients in London meanwhile.
   */
  private static RunReport report() {
    List<ConnectionSample> connections = new ArrayList<>();
    List<LatencySample> latency = new ArrayList<>();
    List<LatencySample> latencyByKind = new ArrayList<>();
    for (int s = 0; s <= 50; s += 10) {
      boolean during = s >= 20 && s < 40;
      long second = START.getEpochSecond() + s;
      Map<String, Map<String, Integer>> all = new LinkedHashMap<>();
      all.put("london", Map.of("london", 10));
      all.put("dallas", during ? Map.of("london", 9, "none", 1) : Map.of("dallas", 10));
      Map<String, Map<String, Map<String, Integer>>> byKind = new LinkedHashMap<>();
      byKind.put(
          "jvm",
          Map.of(
              "london",
              Map.of("london", 10),
              "dallas",
              during ? Map.of("london", 6) : Map.of("dallas", 6)));
      byKind.put(
          "browser",
          Map.of("dallas", during ? Map.of("london", 3, "none", 1) : Map.of("dallas", 4)));
      connections.add(new ConnectionSample(second, all, byKind));
      latency.add(new LatencySample(second, "london", 100, 2, 5, 6));
      latency.add(new LatencySample(second, "dallas", 100, 3, 40, 45));
      latencyByKind.add(new LatencySample(second, "london", 100, 2, 5, 6, "jvm"));
      latencyByKind.add(new LatencySample(second, "dallas", 60, 3, 6, 7, "jvm"));
      latencyByKind.add(new LatencySample(second, "dallas", 40, 12, 40, 45, "browser"));
    }
    StepReport step =
        new StepReport(
            1,
            "dc-outage",
            List.of("dallas"),
            Map.of(),
            at(20),
            at(40),
            List.of("dallas"),
            List.of(impact("london", null, 10, 0, 0), impact("dallas", null, 10, 10, 3200)),
            null,
            null,
            null,
            List.of(
                group("london", "jvm", 10, 0),
                group("dallas", null, 6, 6),
                group("dallas-browser", "browser", 4, 4)),
            List.of(
                impact("london", "jvm", 10, 0, 0),
                impact("dallas", "jvm", 6, 6, 3200),
                impact("dallas", "browser", 4, 4, 3500)));
    Map<String, KindTotals> totals =
        Map.of("pubsub", new KindTotals("pubsub", 200, 200, 1, 1, 0, 0));
    Map<String, Map<String, KindTotals>> totalsByKind = new LinkedHashMap<>();
    totalsByKind.put("jvm", Map.of("pubsub", new KindTotals("pubsub", 160, 160, 0, 0, 0, 0)));
    totalsByKind.put("browser", Map.of("pubsub", new KindTotals("pubsub", 40, 40, 1, 1, 0, 0)));
    return new RunReport(
        "browser-dc-outage",
        "scenarios/browser-dc-outage.yaml",
        at(0),
        at(5),
        at(50),
        "pass",
        null,
        List.of("london", "dallas"),
        Map.of("london->dallas", 105L),
        List.of(step),
        List.of(),
        totals,
        connections,
        latency,
        List.of(
            client("c-dallas", "dallas", null), client("b-dallas", "dallas", ClientReport.BROWSER)),
        List.of(
            summary("london", "jvm"),
            summary("dallas", null),
            summary("dallas-browser", "browser")),
        totalsByKind,
        latencyByKind);
  }

  private static DcImpact impact(String dc, String kind, int clients, int affected, double ms) {
    Stat stat = affected == 0 ? Stat.EMPTY : new Stat(affected, ms, ms, ms);
    return new DcImpact(
        dc,
        clients,
        affected,
        stat,
        stat,
        affected == 0 ? Map.of() : Map.of("london", affected),
        "london",
        affected,
        0,
        Stat.EMPTY,
        Stat.EMPTY,
        Stat.EMPTY,
        affected,
        affected == 0 ? 0 : 1,
        kind);
  }

  private static GroupImpact group(String group, String kind, int clients, int affected) {
    return new GroupImpact(
        group,
        group.startsWith("london") ? "london" : "dallas",
        "seeds",
        "careful",
        clients,
        affected,
        Stat.EMPTY,
        Stat.EMPTY,
        Map.of(),
        "london",
        affected,
        0,
        Stat.EMPTY,
        affected,
        0,
        0,
        0,
        Stat.EMPTY,
        0,
        kind);
  }

  private static GroupSummary summary(String group, String kind) {
    return new GroupSummary(
        group,
        group.startsWith("london") ? "london" : "dallas",
        "seeds",
        "careful",
        1,
        Map.of(),
        Stat.EMPTY,
        0,
        Stat.EMPTY,
        kind);
  }

  private static ClientReport client(String id, String dc, String kind) {
    return new ClientReport(
        id,
        dc,
        "test." + id,
        10,
        10,
        0,
        0,
        0,
        2,
        9,
        12,
        List.of(),
        List.of(),
        null,
        null,
        List.of(),
        Map.of(),
        List.of(),
        kind == null ? null : "dallas-browser",
        null,
        null,
        null,
        kind);
  }

  private static String at(int second) {
    return START.plusSeconds(second).toString();
  }

  private static String section(String html, String id) {
    int start = html.indexOf("<section id=\"" + id + "\"");
    assertThat(start).as("section %s", id).isNotNegative();
    return html.substring(start, html.indexOf("</section>", start));
  }

  /** The chart of one client data centre in a section. */
  private static String chart(String section, String dc) {
    int start = section.indexOf("<div class=\"chart\" data-dc=\"" + dc + "\"");
    assertThat(start).as("chart %s", dc).isNotNegative();
    return section.substring(start, section.indexOf("</div>", start));
  }

  private static List<String> names(String html) {
    List<String> names = new ArrayList<>();
    Matcher m = SERIES.matcher(html);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static int count(String html, String needle) {
    int n = 0;
    for (int i = html.indexOf(needle); i >= 0; i = html.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}

package dev.booty.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.client.ClientReport;
import dev.booty.core.client.ClientReport.ConnectionEvent;
import dev.booty.core.report.RunReport.ConnectionSample;
import dev.booty.core.report.RunReport.DcImpact;
import dev.booty.core.report.RunReport.ExpectationResult;
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
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The self-contained report page: its sections, charts and escaping. */
class HtmlReportTest {
  private static final List<String> DCS = List.of("london", "dallas", "tokyo");
  private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
  private static final Pattern SERIES =
      Pattern.compile("<polyline class=\"series\" data-series=\"([^\"]*)\"");

  @Test
  void bothPlotsDrawOneSvgPerClientDcWithOneLinePerSeries() {
    String html = HtmlReport.render(fixture("failover", "pass", null));

    String connections = section(html, "connections");
    assertThat(connections).contains("Connections per data centre");
    assertThat(count(connections, "<svg")).isEqualTo(3);
    // per client DC: one line per server DC and one for disconnected clients
    assertThat(series(connections))
        .containsExactly(
            "london", "dallas", "tokyo", "none", "london", "dallas", "tokyo", "none", "london",
            "dallas", "tokyo", "none");
    assertThat(connections)
        .contains("data-dc=\"london\"", "data-dc=\"dallas\"", "data-dc=\"tokyo\"");

    String latency = section(html, "latency");
    assertThat(latency).contains("Latency over time", "ms (log)");
    assertThat(count(latency, "<svg")).isEqualTo(3);
    assertThat(series(latency)).containsExactly("p50", "p99", "p50", "p99", "p50", "p99");
    // one point per sample on every line
    Matcher points = Pattern.compile("points=\"([^\"]*)\"").matcher(html);
    int lines = 0;
    while (points.find()) {
      assertThat(points.group(1).split(" ")).hasSize(6);
      lines++;
    }
    assertThat(lines).isEqualTo(18);
  }

  @Test
  void chartsHaveTickLabelsLegendAndTheStepAsABand() {
    String html = HtmlReport.render(fixture("failover", "pass", null));

    assertThat(count(html, "<rect class=\"band\"")).isEqualTo(6);
    assertThat(count(html, "<text class=\"band-label\"")).isEqualTo(6);
    assertThat(html).contains("class=\"band-label\" x=\"", ">kill-server</text>");
    // x from 0 to 50 s in steps of 10
    String connections = section(html, "connections");
    assertThat(connections).contains(">0</text>", ">10</text>", ">50</text>", "seconds from start");
    assertThat(connections).doesNotContain(">60</text>");
    assertThat(count(connections, "<text class=\"legend\"")).isEqualTo(12);
    // log scale: latencies from 2 to 900 ms give decades 1 to 1000
    assertThat(section(html, "latency"))
        .contains(">1</text>", ">10</text>", ">100</text>", ">1000</text>");
  }

  @Test
  void theBandSpansTheStepOnTheAxis() {
    String svg = section(HtmlReport.render(fixture("failover", "pass", null)), "latency");
    Matcher band =
        Pattern.compile("<rect class=\"band\" x=\"([\\d.]+)\" y=\"\\d+\" width=\"([\\d.]+)\"")
            .matcher(svg);
    assertThat(band.find()).isTrue();
    // plot area 56..630 for 0..50 s: the step runs from 20 s to 40 s
    assertThat(Double.parseDouble(band.group(1))).isCloseTo(56 + 574 * 0.4, within());
    assertThat(Double.parseDouble(band.group(2))).isCloseTo(574 * 0.4, within());
  }

  @Test
  void expectationRowsShowWhetherTheyHold() {
    String expectations =
        section(HtmlReport.render(fixture("failover", "fail", null)), "expectations");

    assertThat(expectations)
        .contains(
            "<tr class=\"holds\"><td>lost</td><td>&lt;=</td><td>0</td><td>0</td>"
                + "<td class=\"mark\">\u2713</td></tr>")
        .contains(
            "<tr class=\"fails\"><td>reconnect.p99</td><td>&lt;</td><td>2s</td><td>2350ms</td>"
                + "<td class=\"mark\">\u2717</td></tr>");
    assertThat(count(expectations, "<tr class=")).isEqualTo(2);
  }

  @Test
  void headerStepsAndTotalsCarryTheFigures() {
    String html = HtmlReport.render(fixture("failover", "fail", null));

    assertThat(html).contains("<span class=\"badge fail\" id=\"outcome\">fail</span>");
    assertThat(html).doesNotContain("id=\"run-error\"");
    String steps = section(html, "steps");
    assertThat(steps)
        .contains("Step 1: kill-server", "dallas-1", "signal:KILL", "2025-03-01T10:00:40Z")
        .contains("<td>dallas</td><td class=\"num\">10</td><td class=\"num\">8</td>")
        .contains("<td>120 ms</td><td>480 ms</td><td>510 ms</td>", "<td>london:5, tokyo:3</td>")
        .contains("<td class=\"num bad\">2</td>");
    String totals = section(html, "totals");
    assertThat(totals)
        .contains(
            "<tr><td>pubsub</td><td class=\"num\">1000</td><td class=\"num\">990</td>"
                + "<td class=\"num bad\">7</td><td class=\"num\">6</td><td class=\"num\">0</td>"
                + "<td class=\"num bad\">10</td></tr>")
        .contains("<td>jetstream</td>");
    String clients = section(html, "clients");
    assertThat(clients).contains("<details><summary>Clients (3)</summary>");
    assertThat(clients)
        .contains("<td>c-dallas</td><td>dallas</td>", "nats://dal-1:4222?a=1&amp;b=2")
        .contains("<td class=\"num\">1</td><td class=\"num\">1</td></tr>");
  }

  @Test
  void textFromTheReportIsEscaped() {
    String evil = "<script>alert('x')</script> & \"q\"";
    String html = HtmlReport.render(fixture(evil, "broken", "failed: " + evil));

    assertThat(html).doesNotContain("<script", "alert('x')");
    assertThat(html)
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;")
        .contains("<pre class=\"error\" id=\"run-error\">failed: &lt;script&gt;")
        .contains("<span class=\"badge broken\"");
  }

  @Test
  void nothingIsFetchedFromElsewhere() {
    String html = HtmlReport.render(fixture("failover", "pass", null));

    assertThat(html)
        .containsPattern("(?i)<svg")
        .doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//");
    assertThat(html).doesNotContainPattern("(?i)<(script|link|img|iframe)\\b");
    assertThat(html).doesNotContain("@import", "url(");
  }

  @Test
  void aBrokenRunWithoutDataStillRenders() {
    RunReport empty =
        new RunReport(
            "s", null, null, null, null, "broken", null, null, null, null, null, null, null, null,
            null, List.of());
    String html = HtmlReport.render(empty);

    assertThat(html)
        .contains(
            "<span class=\"badge broken\"",
            "No steps ran.",
            "No connection samples.",
            "No latency samples.",
            "No messages counted.",
            "Clients (0)");
    assertThat(html).doesNotContain("<svg").endsWith("</html>\n");

    StepReport bare =
        new StepReport(
            1, null, null, null, null, null, null, null, "inject <failed>", null, null, List.of());
    RunReport emptyLists =
        new RunReport(
            "s",
            "f.yaml",
            "not a time",
            null,
            null,
            null,
            "boom",
            List.of(),
            Map.of(),
            List.of(bare),
            List.of(),
            Map.of(),
            List.of(new ConnectionSample(5, null)),
            List.of(),
            List.of(),
            List.of());
    String rendered = HtmlReport.render(emptyLists);
    assertThat(rendered).contains("Step 1: </h3>", "inject &lt;failed&gt;", "badge unknown");
    assertThat(count(section(rendered, "connections"), "<svg")).isZero();
  }

  @Test
  void aStepWithoutHealingShadesToTheEnd() {
    RunReport base = fixture("open", "broken", "aborted");
    StepReport open =
        new StepReport(
            1,
            "partition",
            List.of("tokyo"),
            Map.of(),
            at(30),
            null,
            List.of("tokyo"),
            List.of(),
            null,
            null,
            null,
            List.of());
    RunReport report =
        new RunReport(
            base.scenario(),
            base.file(),
            base.startedAt(),
            base.measureFrom(),
            base.endedAt(),
            base.outcome(),
            base.error(),
            base.datacenters(),
            base.rttMs(),
            List.of(open),
            base.expectations(),
            base.totals(),
            base.connections(),
            base.latency(),
            base.clients(),
            List.of());
    Matcher band =
        Pattern.compile("<rect class=\"band\" x=\"([\\d.]+)\" y=\"\\d+\" width=\"([\\d.]+)\"")
            .matcher(HtmlReport.render(report));
    assertThat(band.find()).isTrue();
    assertThat(Double.parseDouble(band.group(1))).isCloseTo(56 + 574 * 0.6, within());
    assertThat(Double.parseDouble(band.group(2))).isCloseTo(574 * 0.4, within());
  }

  static RunReport fixture(String scenario, String outcome, String error) {
    Stat detect = new Stat(8, 120, 480, 510);
    Stat reconnect = new Stat(8, 900, 2350, 2400);
    DcImpact dallas =
        new DcImpact(
            "dallas",
            10,
            8,
            detect,
            reconnect,
            orderedMap("london", 5, "tokyo", 3),
            "london",
            5,
            2,
            new Stat(100, 70, 90, 95),
            new Stat(100, 80, 900, 950),
            Stat.EMPTY,
            0,
            0);
    DcImpact london =
        new DcImpact(
            "london",
            10,
            0,
            Stat.EMPTY,
            Stat.EMPTY,
            Map.of(),
            "london",
            0,
            0,
            null,
            null,
            null,
            0,
            0);
    StepReport step =
        new StepReport(
            1,
            "kill-server",
            List.of("dallas-1"),
            Map.of("signal", "KILL"),
            at(20),
            at(40),
            List.of("dallas"),
            List.of(dallas, london),
            null,
            null,
            null,
            List.of());
    List<ConnectionSample> connections = new ArrayList<>();
    List<LatencySample> latency = new ArrayList<>();
    for (int s = 0; s <= 50; s += 10) {
      boolean during = s >= 20 && s < 40;
      Map<String, Map<String, Integer>> byClient = new LinkedHashMap<>();
      byClient.put("london", Map.of("london", 10));
      byClient.put(
          "dallas", during ? Map.of("london", 5, "none", 4, "tokyo", 1) : Map.of("dallas", 10));
      byClient.put("tokyo", Map.of("tokyo", 10));
      connections.add(new ConnectionSample(START.getEpochSecond() + s, byClient));
      for (String dc : DCS) {
        latency.add(
            new LatencySample(START.getEpochSecond() + s, dc, 100, 2 + s, during ? 900 : 40, 950));
      }
    }
    Map<String, KindTotals> totals = new LinkedHashMap<>();
    totals.put("pubsub", new KindTotals("pubsub", 1000, 990, 7, 6, 0, 10));
    totals.put("jetstream", new KindTotals("jetstream", 500, 500, 0, 0, 2, 0));
    ConnectionEvent lost = new ConnectionEvent(at(21), "DISCONNECTED", "nats://dal-1:4222");
    ConnectionEvent back = new ConnectionEvent(at(23), "RECONNECTED", "nats://lon-1:4222");
    List<ClientReport> clients =
        List.of(
            client("c-london", "london", "nats://lon-1:4222", List.of(), List.of()),
            client("c-dallas", "dallas", "nats://dal-1:4222?a=1&b=2", List.of(lost), List.of(back)),
            client("c-tokyo", "tokyo", "nats://tok-1:4222", null, null));
    return new RunReport(
        scenario,
        "scenarios/failover.yaml",
        at(0),
        at(5),
        at(50),
        outcome,
        error,
        DCS,
        Map.of("london->dallas", 70L),
        List.of(step),
        List.of(
            new ExpectationResult("lost", "<=", "0", "0", true),
            new ExpectationResult("reconnect.p99", "<", "2s", "2350ms", false)),
        totals,
        connections,
        latency,
        clients,
        List.of());
  }

  private static ClientReport client(
      String id, String dc, String server, List<ConnectionEvent> down, List<ConnectionEvent> up) {
    return new ClientReport(
        id,
        dc,
        "test." + id,
        100,
        99,
        1,
        0,
        0,
        2,
        9,
        12,
        down,
        up,
        server,
        server,
        List.of(),
        Map.of(),
        List.of(),
        null,
        null,
        null,
        null,
        null);
  }

  private static Map<String, Integer> orderedMap(String k1, int v1, String k2, int v2) {
    Map<String, Integer> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }

  private static String at(int second) {
    return START.plusSeconds(second).toString();
  }

  private static Offset<Double> within() {
    return Offset.offset(0.11);
  }

  private static String section(String html, String id) {
    int start = html.indexOf("<section id=\"" + id + "\"");
    assertThat(start).as("section %s", id).isNotNegative();
    return html.substring(start, html.indexOf("</section>", start));
  }

  private static List<String> series(String html) {
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

package dev.booty.core.backchannel.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The collector's conversion of telemetry messages into exposition lines, and its handling of a
 * database that refuses or fails: nothing a node sends can stop it.
 */
class CollectorTest {
  private static final long NOW = 1_760_000_000_000L;
  private static final String SUBJECT = "booty.telemetry.local-3dc-dallas";

  private HttpServer server;
  private final AtomicInteger flushes = new AtomicInteger();

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static String message(String samples) {
    return """
        {"v":1,"node":"local-3dc-dallas","dc":"dallas","scenario":"local-3dc",\
        "time":1760000001234,"samples":[%s]}"""
        .formatted(samples);
  }

  private static MetricsExposition.Conversion convert(String subject, String json)
      throws MetricsExposition.Refused {
    return MetricsExposition.convert(subject, json.getBytes(StandardCharsets.UTF_8), NOW);
  }

  @Test
  void aSampleBecomesOneLineWithTheMessagesLabelsFirstAndItsOwnInNameOrder() throws Exception {
    var c =
        convert(
            SUBJECT,
            message(
                """
                {"name":"nats_server_connections","labels":{"server":"dal-1","cluster":"c"},"value":7},
                {"name":"nats_varz_mem","value":1.5}"""));
    assertThat(c.node()).isEqualTo("local-3dc-dallas");
    assertThat(c.skipped()).isEmpty();
    assertThat(c.lines())
        .containsExactly(
            "nats_server_connections{node=\"local-3dc-dallas\",dc=\"dallas\","
                + "scenario=\"local-3dc\",cluster=\"c\",server=\"dal-1\"} 7 1760000001234",
            "nats_varz_mem{node=\"local-3dc-dallas\",dc=\"dallas\",scenario=\"local-3dc\"}"
                + " 1.5 1760000001234");
  }

  @Test
  void namesAreMadeValidAndLabelValuesEscaped() throws Exception {
    assertThat(MetricsExposition.metricName("nats.server-conns/s"))
        .isEqualTo("nats_server_conns_s");
    assertThat(MetricsExposition.metricName("9lives")).isEqualTo("_lives");
    assertThat(MetricsExposition.metricName("ok:name_1")).isEqualTo("ok:name_1");
    assertThat(MetricsExposition.labelName("js.api-level")).isEqualTo("js_api_level");
    assertThat(MetricsExposition.labelName("1st")).isEqualTo("_st");

    var c =
        convert(
            SUBJECT,
            message(
                """
                {"name":"jsz.streams","labels":{"why":"a \\"quoted\\" \\\\ path\\nnext"},"value":2}"""));
    assertThat(c.lines())
        .containsExactly(
            "jsz_streams{node=\"local-3dc-dallas\",dc=\"dallas\",scenario=\"local-3dc\","
                + "why=\"a \\\"quoted\\\" \\\\ path\\nnext\"} 2 1760000001234");
  }

  @Test
  void aSamplesOwnNodeLabelCannotHideWhichNodeSentIt() throws Exception {
    var c =
        convert(
            SUBJECT,
            message(
                "{\"name\":\"x\",\"labels\":{\"node\":\"other\",\"dc\":\"paris\"},\"value\":1}"));
    assertThat(c.lines())
        .containsExactly(
            "x{node=\"local-3dc-dallas\",dc=\"dallas\",scenario=\"local-3dc\","
                + "exported_dc=\"paris\",exported_node=\"other\"} 1 1760000001234");
  }

  @Test
  void valuesAreNumbersOrTheSpecialFloatsAndBigOnesKeepTheirExponent() throws Exception {
    var c =
        convert(
            SUBJECT,
            message(
                """
                {"name":"a","value":"NaN"},{"name":"b","value":"+Inf"},{"name":"c","value":-3},
                {"name":"d","value":2.5e20},{"name":"e","value":true},{"name":"f","value":"7"}"""));
    assertThat(c.lines())
        .extracting(l -> l.substring(l.indexOf("} ") + 2))
        .containsExactly(
            "NaN 1760000001234", "+Inf 1760000001234", "-3 1760000001234", "2.5e20 1760000001234");
    assertThat(c.skipped())
        .containsExactly(
            "samples[4]: 'value' true is not a number",
            "samples[5]: 'value' \"7\" is not a number");
  }

  @Test
  void aBadSampleIsSkippedWithItsReasonAndTheOthersKept() throws Exception {
    var c =
        convert(
            SUBJECT,
            message(
                """
                {"name":"good","value":1},{"value":2},"text",{"name":"x","labels":[1],"value":3},
                {"name":"y","labels":{"__name__":"z"},"value":4},{"name":"z","labels":{"o":{}},"value":5}"""));
    assertThat(c.lines()).hasSize(1).allMatch(l -> l.startsWith("good{"));
    assertThat(c.skipped())
        .containsExactly(
            "samples[1]: 'name' is missing or not a string",
            "samples[2]: not an object",
            "samples[3]: 'labels' is not an object",
            "samples[4]: label '__name__' starts with '__', which is reserved for the database",
            "samples[5]: label 'o' is not a plain value");
  }

  @Test
  void aMessageOfAnotherVersionIsRefused() {
    for (String v : List.of("2", "\"1\"", "0")) {
      assertThatThrownBy(() -> convert(SUBJECT, message("").replace("\"v\":1", "\"v\":" + v)))
          .isInstanceOf(MetricsExposition.Refused.class)
          .hasMessage("from local-3dc-dallas: protocol version " + v + " is not 1 (field 'v')");
    }
    assertThatThrownBy(() -> convert(SUBJECT, message("").replace("\"v\":1,", "")))
        .hasMessageContaining("protocol version missing is not 1");
  }

  @Test
  void aMessageThatIsNotTelemetryIsRefusedNamingWhatIsWrong() {
    assertThatThrownBy(() -> convert(SUBJECT, "{not json"))
        .isInstanceOf(MetricsExposition.Refused.class)
        .hasMessageStartingWith("from local-3dc-dallas: not JSON (");
    assertThatThrownBy(() -> convert(SUBJECT, "[1]")).hasMessageEndingWith("not a JSON object");
    assertThatThrownBy(() -> convert(SUBJECT, message("").replace("\"dc\":\"dallas\",", "")))
        .hasMessage("from local-3dc-dallas: field 'dc' is missing or not a string");
    assertThatThrownBy(() -> convert(SUBJECT, message("").replace(",\"samples\":[]", "")))
        .hasMessage("from local-3dc-dallas: field 'samples' is missing or not an array");
    assertThatThrownBy(() -> convert("booty.telemetry.other", message("")))
        .hasMessage(
            "from other: field 'node' says 'local-3dc-dallas' but the message came on"
                + " booty.telemetry.other");
    assertThatThrownBy(() -> convert("booty.telemetry.a.b", message("")))
        .hasMessage("subject booty.telemetry.a.b is not booty.telemetry.NODE");
    assertThatThrownBy(() -> convert(SUBJECT, message("").replace("1760000001234", "1760000001")))
        .hasMessage(
            "from local-3dc-dallas: field 'time' 1760000001 is not milliseconds since 1970");
  }

  @Test
  void theTimeMayBeAnInstantAndDefaultsToWhenTheMessageArrived() throws Exception {
    String sample = "{\"name\":\"x\",\"value\":1}";
    assertThat(
            convert(SUBJECT, message(sample).replace("1760000001234", "\"2025-10-09T08:36:41.5Z\""))
                .lines())
        .containsExactly(
            "x{node=\"local-3dc-dallas\",dc=\"dallas\",scenario=\"local-3dc\"} 1 1759999001500");
    assertThat(convert(SUBJECT, message(sample).replace("\"time\":1760000001234,", "")).lines())
        .allMatch(l -> l.endsWith(" " + NOW));
  }

  @Test
  void aBadMessageIsCountedAndTheNextOneStillReachesTheDatabase() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    URI vm = fakeDatabase(bodies, new AtomicInteger(), 204);
    List<String> log = new CopyOnWriteArrayList<>();
    Collector c =
        new Collector(new Collector.Config("nats://unused:1", Path.of("x"), vm), log::add);
    c.startWriter();
    c.accept(SUBJECT, "garbage".getBytes(StandardCharsets.UTF_8));
    c.accept(SUBJECT, message("{\"name\":\"n\",\"value\":7}").getBytes(StandardCharsets.UTF_8));
    await(() -> c.stats().written() == 1);
    c.close();
    assertThat(bodies)
        .containsExactly(
            "n{node=\"local-3dc-dallas\",dc=\"dallas\",scenario=\"local-3dc\"} 7 1760000001234\n");
    assertThat(c.stats()).isEqualTo(new Collector.Stats(2, 1, 1, 0));
    assertThat(flushes).as("a flush after the write makes it searchable").hasValue(1);
    assertThat(log)
        .anyMatch(
            l -> l.startsWith("collector: refused a telemetry message from local-3dc-dallas"));
  }

  @Test
  void linesWaitWhileTheDatabaseFailsAndAreDroppedWhenItRefusesThem() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    AtomicInteger failFirst = new AtomicInteger(2);
    URI vm = fakeDatabase(bodies, failFirst, 503);
    List<String> log = new CopyOnWriteArrayList<>();
    Collector c =
        new Collector(new Collector.Config("nats://unused:1", Path.of("x"), vm), log::add);
    c.startWriter();
    c.accept(SUBJECT, message("{\"name\":\"n\",\"value\":7}").getBytes(StandardCharsets.UTF_8));
    await(() -> c.stats().written() == 1);
    assertThat(bodies).hasSize(3).allMatch(b -> b.startsWith("n{"));
    assertThat(log)
        .anyMatch(l -> l.contains("VictoriaMetrics answered 503"))
        .anyMatch(l -> l.contains("takes telemetry again"));
    c.close();

    URI refusing = fakeDatabase(new CopyOnWriteArrayList<>(), new AtomicInteger(1000), 400);
    Collector r =
        new Collector(new Collector.Config("nats://unused:1", Path.of("x"), refusing), log::add);
    r.startWriter();
    r.accept(SUBJECT, message("{\"name\":\"n\",\"value\":7}").getBytes(StandardCharsets.UTF_8));
    await(() -> r.stats().dropped() == 1);
    r.close();
    assertThat(log)
        .anyMatch(l -> l.startsWith("collector: dropped 1 line(s): VictoriaMetrics answered 400"));
  }

  @Test
  void reconnectionBacksOffFromHalfASecondToThirtySeconds() {
    assertThat(Collector.backoff(0)).isEqualTo(500);
    assertThat(Collector.backoff(1)).isEqualTo(1000);
    assertThat(Collector.backoff(5)).isEqualTo(16_000);
    assertThat(Collector.backoff(6)).isEqualTo(30_000);
    assertThat(Collector.backoff(1000)).isEqualTo(30_000);
  }

  /**
   * An HTTP server on {@code /api/v1/import/prometheus} that records each body and answers {@code
   * failStatus} while {@code failures} lasts, then 204.
   */
  private URI fakeDatabase(List<String> bodies, AtomicInteger failures, int failStatus)
      throws Exception {
    if (server != null) {
      server.stop(0);
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        MetricsImport.PATH,
        ex -> {
          bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          int status = failures.getAndDecrement() > 0 ? failStatus : 204;
          byte[] body = status == 204 ? new byte[0] : "cannot parse".getBytes();
          ex.sendResponseHeaders(status, status == 204 ? -1 : body.length);
          if (body.length > 0) {
            ex.getResponseBody().write(body);
          }
          ex.close();
        });
    server.createContext(
        MetricsImport.FLUSH,
        ex -> {
          flushes.incrementAndGet();
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
    for (int i = 0; i < 100 && !done.getAsBoolean(); i++) {
      Thread.sleep(100);
    }
    assertThat(done.getAsBoolean()).as("reached within 10 s").isTrue();
  }
}

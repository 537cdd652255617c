package dev.booty.core.backchannel.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.BootyException;
import dev.booty.core.util.BasicAuth;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An instant PromQL query against VictoriaMetrics ({@code GET /api/v1/query}). It passes {@code
 * nocache=1}: VictoriaMetrics otherwise answers as of 30 s ago ({@code -search.latencyOffset}), and
 * telemetry that just arrived is what booty's user asks about.
 */
public final class MetricsQuery {
  private final URI victoriaMetrics;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public MetricsQuery(URI victoriaMetrics) {
    this.victoriaMetrics = victoriaMetrics;
  }

  /** One value of one series: its labels ({@code __name__} included), value and time (s). */
  public record Sample(Map<String, String> labels, String value, double time) {
    /** {@code name{label="v",...}}, or {@code {}} for a scalar. */
    public String series() {
      Map<String, String> rest = new TreeMap<>(labels);
      String name = rest.remove("__name__");
      StringBuilder sb = new StringBuilder(name == null ? "" : name).append('{');
      rest.forEach(
          (k, v) -> sb.append(k).append("=\"").append(MetricsExposition.escape(v)).append("\","));
      if (!rest.isEmpty()) {
        sb.setLength(sb.length() - 1);
      }
      return sb.append('}').toString();
    }
  }

  /** VictoriaMetrics' answer: its {@code data} as is, and the samples in it. */
  public record Answer(String resultType, JsonNode data, List<Sample> samples) {}

  /**
   * Runs {@code promql} at {@code time} (RFC 3339, Unix seconds, or null for now). A query
   * VictoriaMetrics refuses is a usage error with its message; an unreachable database a failure.
   */
  public Answer query(String promql, String time) {
    StringBuilder q =
        new StringBuilder("/api/v1/query?nocache=1&query=")
            .append(URLEncoder.encode(promql, StandardCharsets.UTF_8));
    if (time != null) {
      q.append("&time=").append(URLEncoder.encode(time, StandardCharsets.UTF_8));
    }
    URI uri = victoriaMetrics.resolve(q.toString());
    HttpResponse<String> res;
    try {
      res =
          http.send(
              BasicAuth.request(uri).timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw BootyException.failure(
          "VictoriaMetrics at " + BasicAuth.hidden(victoriaMetrics) + " does not answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BootyException.failure("interrupted while querying " + victoriaMetrics);
    }
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(res.body());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !"success".equals(body.path("status").asText())) {
      String error =
          body == null ? res.body().strip() : body.path("error").asText(res.body().strip());
      String message = "VictoriaMetrics refused the query " + promql + ": " + error;
      throw res.statusCode() / 100 == 5
          ? BootyException.failure(message)
          : BootyException.usage(message);
    }
    return answer(body.path("data"));
  }

  /** The samples of a query's {@code data}: vector, matrix, scalar or string. */
  static Answer answer(JsonNode data) {
    String type = data.path("resultType").asText();
    List<Sample> samples = new ArrayList<>();
    JsonNode result = data.path("result");
    if (type.equals("scalar") || type.equals("string")) {
      samples.add(sample(Map.of(), result));
    } else {
      for (JsonNode series : result) {
        Map<String, String> labels = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = series.path("metric").fields();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> l = it.next();
          labels.put(l.getKey(), l.getValue().asText());
        }
        if (series.has("values")) {
          for (JsonNode v : series.path("values")) {
            samples.add(sample(labels, v));
          }
        } else {
          samples.add(sample(labels, series.path("value")));
        }
      }
    }
    return new Answer(type, data, samples);
  }

  private static Sample sample(Map<String, String> labels, JsonNode pair) {
    return new Sample(labels, pair.path(1).asText(), pair.path(0).asDouble());
  }
}

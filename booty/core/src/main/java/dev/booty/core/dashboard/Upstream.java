package dev.booty.core.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.booty.core.BootyException;
import dev.booty.core.util.BasicAuth;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The read-only services the dashboard passes answers through from: VictoriaMetrics and the
 * nats-servers' monitoring ports. Only GET, only the paths the dashboard builds itself.
 */
final class Upstream {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** An upstream's status and body. */
  record Answer(int status, String body) {}

  Answer get(URI base, String pathAndQuery) {
    URI uri = base.resolve(pathAndQuery);
    try {
      HttpResponse<String> r =
          http.send(
              BasicAuth.request(uri).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw BootyException.failure(
          uri.getScheme()
              + "://"
              + BasicAuth.hidden(uri).getAuthority()
              + " does not answer: "
              + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BootyException.failure("interrupted asking " + uri);
    }
  }

  /** {@code {"names": [...]}}: VictoriaMetrics' metric names that start with booty_ or nats_. */
  ObjectNode metricNames(URI victoriaMetrics) {
    Answer a = get(victoriaMetrics, "/api/v1/label/__name__/values");
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(a.body());
    } catch (IOException e) {
      body = Json.MAPPER.createObjectNode();
    }
    if (a.status() != 200 || !"success".equals(body.path("status").asText())) {
      throw BootyException.failure(
          "VictoriaMetrics at "
              + victoriaMetrics
              + " answered "
              + a.status()
              + ": "
              + a.body().strip());
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    ArrayNode names = o.putArray("names");
    for (JsonNode n : body.path("data")) {
      String name = n.asText();
      if (name.startsWith("booty_") || name.startsWith("nats_")) {
        names.add(name);
      }
    }
    return o;
  }

  /** A raw query string as a map (the last value of a repeated key wins). */
  static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      q.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return q;
  }

  static String encode(Map<String, String> params) {
    return new TreeMap<>(params)
        .entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
  }
}

package dev.booty.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.util.Json;
import dev.booty.core.verdict.Inventory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The round trips between data centres as the cluster itself measured them: each data centre's
 * first server reports, in its monitoring's {@code /gatewayz}, the RTT of its gateway connection to
 * every other data centre (nats-server PINGs it). On real networks (ssh hosting) these are the
 * figures to read a run's reconnect times against; with emulated WAN links they show the emulation
 * at work next to the configured values.
 */
final class GatewayRtts {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private GatewayRtts() {}

  /**
   * {@code from->to} in milliseconds, for every pair a server answered for; a data centre whose
   * first server does not answer is left out (the report says what it has).
   */
  static Map<String, Double> measure(Inventory inventory) {
    Map<String, Double> out = new TreeMap<>();
    HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    Map<String, Inventory.Server> first = new LinkedHashMap<>();
    for (Inventory.Server s : inventory.servers()) {
      first.putIfAbsent(s.dc(), s);
    }
    for (Inventory.Server s : first.values()) {
      if (s.monitorUrl() == null || s.monitorUrl().isBlank()) {
        continue;
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(s.monitorUrl() + "/gatewayz"))
                    .timeout(TIMEOUT)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          out.putAll(fromGatewayz(s.dc(), Json.MAPPER.readTree(r.body())));
        }
      } catch (java.io.IOException e) {
        // not answering now: its pairs stay unmeasured
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return out;
      }
    }
    return out;
  }

  /** The outbound gateways' RTTs of one server's {@code /gatewayz}, keyed {@code dc->other}. */
  static Map<String, Double> fromGatewayz(String dc, JsonNode gatewayz) {
    Map<String, Double> out = new TreeMap<>();
    gatewayz
        .path("outbound_gateways")
        .properties()
        .forEach(
            e -> {
              Double ms = millis(e.getValue().path("connection").path("rtt").asText(""));
              if (ms != null) {
                out.put(dc + "->" + e.getKey(), ms);
              }
            });
    return out;
  }

  /**
   * A Go duration ({@code 105.2ms}, {@code 1m2.5s}, {@code 850µs}) in milliseconds; null if not
   * one.
   */
  static Double millis(String goDuration) {
    String d = goDuration.strip();
    if (d.isEmpty()) {
      return null;
    }
    Matcher m = PART.matcher(d);
    double ms = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        return null;
      }
      double v = Double.parseDouble(m.group(1));
      ms +=
          switch (m.group(2)) {
            case "ns" -> v / 1_000_000;
            case "us", "µs" -> v / 1_000;
            case "ms" -> v;
            case "s" -> v * 1_000;
            case "m" -> v * 60_000;
            default -> v * 3_600_000;
          };
      end = m.end();
    }
    return end == d.length() && end > 0 ? Math.round(ms * 100) / 100.0 : null;
  }
}

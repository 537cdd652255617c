package dev.booty.core.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** How many instances of a service pass their checks in Consul's catalog. */
final class ConsulHealth {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ConsulHealth() {}

  /** Instances of {@code service} whose every check passes; 0 when Consul does not answer. */
  static int passing(String consul, String service) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          consul
                              + "/v1/health/service/"
                              + URLEncoder.encode(service, StandardCharsets.UTF_8)
                              + "?passing=true"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return 0;
      }
      JsonNode list = Json.MAPPER.readTree(r.body());
      return list.size();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}

package dev.booty.plugins.local;

import dev.booty.api.StackHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few HTTP calls the plugin makes to Nomad and Consul (with booty's credentials) and Toxiproxy
 * on loopback.
 */
final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  record Response(int status, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private Http() {}

  static Response get(String url) throws IOException {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  static Response send(String method, String url, String json) throws IOException {
    return send(withBody(HttpRequest.newBuilder(URI.create(url)), method, json));
  }

  /** A call to the stack's Nomad with booty's credentials ({@code json} null: no body). */
  static Response nomad(StackHttp http, String method, String url, String json) throws IOException {
    return send(http.client(), withBody(http.nomad(url), method, json));
  }

  /** A call to the stack's Consul with booty's credentials ({@code json} null: no body). */
  static Response consul(StackHttp http, String method, String url, String json)
      throws IOException {
    return send(http.client(), withBody(http.consul(url), method, json));
  }

  private static HttpRequest.Builder withBody(HttpRequest.Builder b, String method, String json) {
    return b.header("Content-Type", "application/json")
        .method(
            method,
            json == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
  }

  private static Response send(HttpRequest.Builder request) throws IOException {
    return send(CLIENT, request);
  }

  private static Response send(HttpClient client, HttpRequest.Builder request) throws IOException {
    try {
      HttpResponse<String> r =
          client.send(
              request.timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

package dev.booty.plugins.clouddns;

import dev.booty.api.PluginContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A cloud DNS API as the plugin calls it: a bearer token and JSON bodies. A 429 is waited out (its
 * {@code Retry-After}, else {@value #DEFAULT_WAIT_SECONDS} s; at most {@value #MAX_WAIT_SECONDS} s,
 * at most {@value #RETRIES} times); every other failure throws naming the call and the provider's
 * own message. The token is sent and never shown: errors name where it came from. A provider says
 * how its answers carry errors and results.
 */
abstract class ApiClient {
  static final int RETRIES = 3;
  static final int MAX_WAIT_SECONDS = 60;
  static final int DEFAULT_WAIT_SECONDS = 5;

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final Service service;
  private final String endpoint;
  private final Token token;
  private final PluginContext ctx;

  ApiClient(Service service, String endpoint, Token token, PluginContext ctx) {
    this.service = service;
    this.endpoint =
        endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    this.token = token;
    this.ctx = ctx;
  }

  /**
   * The provider's own error text, starting {@code ": ... says: "}, or nothing when it gave none.
   */
  abstract String message(Object body);

  /** Whether a 2xx answer is a success too (Cloudflare can say {@code "success": false}). */
  boolean succeeded(Object body) {
    return true;
  }

  /** What {@link #send} returns of a successful answer: by default all of it. */
  Object result(Object body) {
    return body;
  }

  /** Added to a 401/403 error: how to get a token that works. */
  String renewal() {
    return "";
  }

  /** Makes the call; returns its {@link #result}, or null when a deleted resource was gone. */
  Object send(Call call) {
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> response = exchange(call);
      int status = response.statusCode();
      if (status == 429 && attempt < RETRIES) {
        long wait = retryAfter(response);
        ctx.progress(
            service.id()
                + ": "
                + call.name()
                + " was rate-limited (HTTP 429); retrying in "
                + wait
                + " s ("
                + (attempt + 1)
                + " of "
                + RETRIES
                + ")");
        sleep(wait);
        continue;
      }
      if (status == 404 && call.kind() == Call.Kind.DELETE) {
        return null; // already gone: withdraw's goal is met
      }
      Object body = parse(response.body());
      if (status == 401 || status == 403) {
        throw new IllegalStateException(
            redact(
                service.id()
                    + " refused "
                    + call.name()
                    + " (HTTP "
                    + status
                    + "): the "
                    + service.token()
                    + " from "
                    + token.source()
                    + " is invalid, expired or lacks the permission"
                    + renewal()
                    + message(body)));
      }
      if (status < 200 || status >= 300 || !succeeded(body)) {
        throw new IllegalStateException(
            redact(
                service.id()
                    + ": "
                    + call.name()
                    + " failed (HTTP "
                    + status
                    + (status == 429 ? ", still rate-limited after " + RETRIES + " retries" : "")
                    + ")"
                    + message(body)));
      }
      return result(body);
    }
  }

  private HttpResponse<String> exchange(Call call) {
    HttpRequest.BodyPublisher publisher =
        call.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(call.body());
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(endpoint + call.path()))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token.value())
            .header("Content-Type", "application/json")
            .method(call.method(), publisher)
            .build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(
          service.id()
              + ": "
              + call.name()
              + ": cannot reach "
              + endpoint
              + " ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + ")",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(service.id() + ": interrupted during " + call.name(), e);
    }
  }

  /** An answer could echo the request's header back: a message never carries the token. */
  private String redact(String message) {
    return message.replace(token.value(), "[token]");
  }

  private static long retryAfter(HttpResponse<?> response) {
    String value = response.headers().firstValue("Retry-After").orElse("");
    try {
      return Math.max(1, Math.min(MAX_WAIT_SECONDS, Long.parseLong(value.strip())));
    } catch (NumberFormatException e) {
      return DEFAULT_WAIT_SECONDS; // an HTTP date or nothing (Google often sends none)
    }
  }

  private static Object parse(String body) {
    try {
      return body == null || body.isBlank() ? null : Json.parse(body);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private void sleep(long seconds) {
    try {
      Thread.sleep(seconds * 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          service.id() + ": interrupted while waiting out a rate limit", e);
    }
  }
}

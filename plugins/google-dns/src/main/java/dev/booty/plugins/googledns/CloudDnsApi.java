package dev.booty.plugins.googledns;

import dev.booty.api.PluginContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Google Cloud DNS API v1 as the plugin calls it: an OAuth bearer token, JSON bodies, errors as
 * {@code {"error": {code, message, status}}}. A 429 is waited out (its {@code Retry-After}, else
 * {@value #DEFAULT_WAIT_SECONDS} s; at most {@value #MAX_WAIT_SECONDS} s, at most {@value #RETRIES}
 * times); every other failure throws naming the call and Google's message. The token is sent and
 * never shown: errors name where it came from.
 */
final class CloudDnsApi {
  static final String DEFAULT_ENDPOINT = "https://dns.googleapis.com/dns/v1";
  static final int RETRIES = 3;
  static final int MAX_WAIT_SECONDS = 60;
  static final int DEFAULT_WAIT_SECONDS = 5;

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final String endpoint;
  private final Token token;
  private final PluginContext ctx;

  CloudDnsApi(String endpoint, Token token, PluginContext ctx) {
    this.endpoint =
        endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    this.token = token;
    this.ctx = ctx;
  }

  /** Makes the call; returns the parsed answer, or null when a deleted record set was gone. */
  Object send(Call call) {
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> response = exchange(call);
      int status = response.statusCode();
      if (status == 429 && attempt < RETRIES) {
        long wait = retryAfter(response);
        ctx.progress(
            "google-dns: "
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
                "google-dns refused "
                    + call.name()
                    + " (HTTP "
                    + status
                    + "): the access token from "
                    + token.source()
                    + " is invalid, expired or lacks the permission (access tokens last about an"
                    + " hour: gcloud auth print-access-token gives a new one)"
                    + message(body)));
      }
      if (status < 200 || status >= 300) {
        throw new IllegalStateException(
            redact(
                "google-dns: "
                    + call.name()
                    + " failed (HTTP "
                    + status
                    + (status == 429 ? ", still rate-limited after " + RETRIES + " retries" : "")
                    + ")"
                    + message(body)));
      }
      return body;
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
          "google-dns: "
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
      throw new IllegalStateException("google-dns: interrupted during " + call.name(), e);
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
      return DEFAULT_WAIT_SECONDS; // Google often sends none: a short wait
    }
  }

  private static Object parse(String body) {
    try {
      return body == null || body.isBlank() ? null : Json.parse(body);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Google's {@code error.message} (with its status), or nothing when it gave none. */
  private static String message(Object body) {
    Object error = Json.object(body, "error");
    String text = Json.string(error, "message");
    if (text == null) {
      return "";
    }
    String status = Json.string(error, "status");
    return ": Google says: " + text + (status == null ? "" : " (" + status + ")");
  }

  private static void sleep(long seconds) {
    try {
      Thread.sleep(seconds * 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("google-dns: interrupted while waiting out a rate limit", e);
    }
  }
}

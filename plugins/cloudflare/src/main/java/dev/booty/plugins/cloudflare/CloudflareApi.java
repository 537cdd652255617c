package dev.booty.plugins.cloudflare;

import dev.booty.api.PluginContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cloudflare's API v4 as the plugin calls it: a bearer token, JSON bodies, answers wrapped in
 * {@code {success, errors, result}}. A 429 is waited out (its {@code Retry-After}, at most {@value
 * #MAX_WAIT_SECONDS} s, at most {@value #RETRIES} times); every other failure throws naming the
 * call and Cloudflare's own message. The token is sent and never shown: errors name where it came
 * from.
 */
final class CloudflareApi {
  static final String DEFAULT_ENDPOINT = "https://api.cloudflare.com/client/v4";
  static final int RETRIES = 3;
  static final int MAX_WAIT_SECONDS = 60;

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final String endpoint;
  private final Token token;
  private final PluginContext ctx;

  CloudflareApi(String endpoint, Token token, PluginContext ctx) {
    this.endpoint =
        endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    this.token = token;
    this.ctx = ctx;
  }

  /** Makes the call; returns the answer's {@code result}, or null when the resource was gone. */
  Object send(Call call) {
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> response = exchange(call);
      int status = response.statusCode();
      if (status == 429 && attempt < RETRIES) {
        long wait = retryAfter(response);
        ctx.progress(
            "cloudflare: "
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
                "cloudflare refused "
                    + call.name()
                    + " (HTTP "
                    + status
                    + "): the API token from "
                    + token.source()
                    + " is invalid, expired or lacks the permission"
                    + message(body)));
      }
      boolean success = !(body instanceof Map<?, ?> m) || !Boolean.FALSE.equals(m.get("success"));
      if (status < 200 || status >= 300 || !success) {
        throw new IllegalStateException(
            redact(
                "cloudflare: "
                    + call.name()
                    + " failed (HTTP "
                    + status
                    + (status == 429 ? ", still rate-limited after " + RETRIES + " retries" : "")
                    + ")"
                    + message(body)));
      }
      return body instanceof Map<?, ?> m ? m.get("result") : null;
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
          "cloudflare: "
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
      throw new IllegalStateException("cloudflare: interrupted during " + call.name(), e);
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
      return 5; // an HTTP date or nothing: a short wait, the next answer says more
    }
  }

  private static Object parse(String body) {
    try {
      return body == null || body.isBlank() ? null : Json.parse(body);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Cloudflare's {@code errors[].message} (with codes), or nothing when it gave none. */
  private static String message(Object body) {
    List<String> messages = new ArrayList<>();
    for (Object error : Json.array(body, "errors")) {
      String text = Json.string(error, "message");
      if (text != null) {
        Object code = error instanceof Map<?, ?> m ? m.get("code") : null;
        messages.add(code == null ? text : text + " (code " + code + ")");
      }
    }
    return messages.isEmpty() ? "" : ": Cloudflare says: " + String.join("; ", messages);
  }

  private static void sleep(long seconds) {
    try {
      Thread.sleep(seconds * 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("cloudflare: interrupted while waiting out a rate limit", e);
    }
  }
}

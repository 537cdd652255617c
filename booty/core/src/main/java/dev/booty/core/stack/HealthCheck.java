package dev.booty.core.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** How to tell a service is healthy: one probe, answering ok or why not. */
@FunctionalInterface
public interface HealthCheck {

  /** The outcome of one probe. */
  record Result(boolean ok, String detail) {
    public static Result ok(String detail) {
      return new Result(true, detail);
    }

    public static Result failed(String detail) {
      return new Result(false, detail);
    }
  }

  Result probe();

  HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** An HTTP GET whose 200 body satisfies {@code accept}. */
  static HealthCheck http(String url, Predicate<String> accept, String what) {
    return http(CLIENT, () -> HttpRequest.newBuilder(URI.create(url)), url, accept, what);
  }

  /**
   * A GET made by {@code client} from {@code request} (which may carry a token), whose 200 body
   * satisfies {@code accept}.
   */
  static HealthCheck http(
      HttpClient client,
      Supplier<HttpRequest.Builder> request,
      String url,
      Predicate<String> accept,
      String what) {
    return () -> {
      try {
        HttpResponse<String> r =
            client.send(
                request.get().timeout(Duration.ofSeconds(3)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          return Result.failed("GET " + url + " answered HTTP " + r.statusCode());
        }
        return accept.test(r.body())
            ? Result.ok(what)
            : Result.failed("not yet " + what + ": " + abbreviate(r.body()));
      } catch (IOException e) {
        return Result.failed("GET " + url + ": " + e.getClass().getSimpleName());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Result.failed("interrupted");
      }
    };
  }

  /**
   * This check, then {@code once} the first time it passes (and again until {@code once} succeeds):
   * a service is healthy only when booty's setup of it is done.
   */
  default HealthCheck thenOnce(String what, Step once) {
    java.util.concurrent.atomic.AtomicBoolean done =
        new java.util.concurrent.atomic.AtomicBoolean();
    return () -> {
      Result r = probe();
      if (!r.ok() || done.get()) {
        return r;
      }
      try {
        once.run();
        done.set(true);
        return Result.ok(r.detail() + ", " + what);
      } catch (IOException | RuntimeException e) {
        return Result.failed(what + " not done yet: " + e.getMessage());
      }
    };
  }

  /** One setup step run by {@link #thenOnce}. */
  @FunctionalInterface
  interface Step {
    void run() throws IOException;
  }

  private static String abbreviate(String s) {
    String t = s.strip().replaceAll("\\s+", " ");
    return t.length() > 80 ? t.substring(0, 80) + "..." : t;
  }
}

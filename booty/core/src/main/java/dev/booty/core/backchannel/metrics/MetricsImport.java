package dev.booty.core.backchannel.metrics;

import dev.booty.core.util.BasicAuth;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Writes lines of the Prometheus text exposition format to VictoriaMetrics ({@code POST
 * /api/v1/import/prometheus}).
 */
public final class MetricsImport {
  public static final String PATH = "/api/v1/import/prometheus";

  /** Makes what was written searchable now rather than at VictoriaMetrics' next flush. */
  public static final String FLUSH = "/internal/force_flush";

  private final URI endpoint;
  private final URI flush;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** {@code victoriaMetrics} is the base URL, e.g. {@code http://127.0.0.1:18428}. */
  public MetricsImport(URI victoriaMetrics) {
    this.endpoint = victoriaMetrics.resolve(PATH);
    this.flush = victoriaMetrics.resolve(FLUSH);
  }

  /** Where the lines go, without the credentials (for messages). */
  public URI endpoint() {
    return BasicAuth.hidden(endpoint);
  }

  /** VictoriaMetrics refused the lines themselves (4xx): sending them again cannot help. */
  public static final class Rejected extends IOException {
    Rejected(String message) {
      super(message);
    }
  }

  /**
   * Sends the lines in one request. Throws {@link Rejected} when VictoriaMetrics refuses them, an
   * {@link IOException} when it cannot be reached or fails (worth trying again).
   */
  public void write(List<String> lines) throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder();
    for (String line : lines) {
      body.append(line).append('\n');
    }
    HttpRequest req =
        BasicAuth.request(endpoint)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "text/plain; version=0.0.4")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
    int code = res.statusCode();
    if (code / 100 == 2) {
      // a new series becomes searchable only at VictoriaMetrics' next flush (about 10 s, seen
      // with 1.122), an existing one after about 2 s; telemetry is read live while a scenario
      // runs, so ask for the flush (best effort: the data is stored either way)
      http.send(
          BasicAuth.request(flush).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      return;
    }
    String msg =
        "VictoriaMetrics answered " + code + " to POST " + endpoint + ": " + res.body().strip();
    throw code / 100 == 4 ? new Rejected(msg) : new IOException(msg);
  }
}

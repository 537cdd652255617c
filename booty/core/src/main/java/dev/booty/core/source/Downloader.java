package dev.booty.core.source;

import dev.booty.core.util.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** HTTP(S) downloads with progress, a size check against Content-Length, and clear errors. */
public final class Downloader {
  private final HttpClient client;
  private final Duration timeout;

  public Downloader(Duration connectTimeout, Duration timeout) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.timeout = timeout;
  }

  /** Downloads {@code url} to {@code target}, reporting bytes for {@code component}. */
  public void download(String url, Path target, String component, Progress progress)
      throws SourceUnavailableException {
    HttpResponse<InputStream> response = open(url);
    long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    long done = 0;
    try (InputStream in = response.body();
        OutputStream out = Files.newOutputStream(target)) {
      byte[] buf = new byte[1 << 16];
      long lastReport = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        done += n;
        if (done - lastReport >= (1 << 20) || done == total) {
          progress.bytes(component, done, total);
          lastReport = done;
        }
      }
    } catch (IOException e) {
      throw new SourceUnavailableException(
          "download of " + url + " broke off after " + done + " bytes: " + describe(e));
    }
    progress.bytes(component, done, total);
    if (total >= 0 && done != total) {
      throw new SourceUnavailableException(
          "download of " + url + " is truncated: got " + done + " of " + total + " bytes");
    }
  }

  /** Fetches a small text file (a checksum list). */
  public String text(String url) throws SourceUnavailableException {
    try (InputStream in = open(url).body()) {
      byte[] bytes = in.readNBytes(4 << 20);
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SourceUnavailableException("cannot read " + url + ": " + describe(e));
    }
  }

  private HttpResponse<InputStream> open(String url) throws SourceUnavailableException {
    HttpResponse<InputStream> response;
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(timeout)
              .header("User-Agent", "booty")
              .GET()
              .build();
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new SourceUnavailableException("cannot reach " + url + ": " + describe(e));
    } catch (IllegalArgumentException e) {
      throw new SourceUnavailableException("bad URL " + url + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceUnavailableException("interrupted while fetching " + url);
    }
    if (response.statusCode() != 200) {
      try {
        response.body().close();
      } catch (IOException ignored) {
        // nothing to keep from an error body
      }
      throw new SourceUnavailableException(
          "GET " + url + " answered HTTP " + response.statusCode());
    }
    return response;
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : " " + m);
  }
}

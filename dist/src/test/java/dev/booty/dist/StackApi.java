package dev.booty.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.booty.api.StackHttp;
import dev.booty.core.home.BootyHome;
import dev.booty.core.security.StackCredentials;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The tests' way to read a test stack's Nomad and Consul: HTTPS with the home's CA and booty's
 * client certificate, and booty's tokens (each server ignores the other's header).
 */
final class StackApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StackHttp http;

  StackApi(Path home) {
    this.http = StackHttp.of(StackCredentials.load(new BootyHome(home)));
  }

  /** The 200 JSON answer of a GET; fails the test with the answer otherwise. */
  JsonNode get(String url) throws Exception {
    HttpResponse<String> r = send(url);
    assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** The answer of a GET with booty's credentials, whatever its status. */
  HttpResponse<String> send(String url) throws Exception {
    HttpRequest.Builder b = http.nomad(url);
    http.security().ifPresent(s -> b.header("X-Consul-Token", s.consulToken()));
    return http.client()
        .send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}

package dev.booty.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.booty.api.StackHttp;
import dev.booty.api.StackSecurity;
import dev.booty.api.StackSecurity.IssuedCertificate;
import dev.booty.core.home.BootyHome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootyCaTest {
  @TempDir Path tmp;

  @Test
  void theCredentialsAreMadeOnceKeptOwnerOnlyAndTheSameOnTheNextLoad() throws IOException {
    BootyHome home = new BootyHome(tmp.resolve("home"));
    assertThat(StackCredentials.present(home)).isFalse();
    StackCredentials first = StackCredentials.ensure(home);
    StackCredentials again = StackCredentials.ensure(home);
    assertThat(again.secrets()).isEqualTo(first.secrets());
    assertThat(again.ca().certificate()).isEqualTo(first.ca().certificate());
    assertThat(first.secrets().nomadManagement()).isNotEqualTo(first.secrets().consulManagement());
    for (String f : List.of("ca.pem", "ca-key.pem", "tokens.json", "booty.pem", "booty-key.pem")) {
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(StackCredentials.dir(home).resolve(f))))
          .as(f)
          .isEqualTo("rw-------");
    }
    assertThat(StackCredentials.load(home)).isPresent();
    assertThat(StackCredentials.load(home).orElseThrow().toString())
        .doesNotContain(first.secrets().nomadManagement());
  }

  @Test
  void aServerWithAnIssuedCertificateTakesBootysClientAndRefusesOneFromAnotherCa()
      throws Exception {
    StackCredentials booty = StackCredentials.ensure(new BootyHome(tmp.resolve("booty")));
    IssuedCertificate server =
        booty.serviceCertificate(
            "server", List.of("server.global.nomad", "localhost", "127.0.0.1"), tmp.resolve("srv"));
    assertThat(booty.ca().names(server.certificate()))
        .containsExactlyInAnyOrder("server.global.nomad", "localhost", "127.0.0.1");
    // issued again only when something changed
    assertThat(
            booty.serviceCertificate(
                "server",
                List.of("server.global.nomad", "localhost", "127.0.0.1"),
                tmp.resolve("srv")))
        .isEqualTo(server);
    String before = Files.readString(server.certificate());
    booty.serviceCertificate(
        "server", List.of("server.global.nomad", "127.0.0.1"), tmp.resolve("srv"));
    assertThat(Files.readString(server.certificate())).isNotEqualTo(before);

    SSLContext serverTls =
        StackHttp.sslContext(
            new StackSecurity(
                booty.ca().certificateFile(),
                server.certificate(),
                server.key(),
                "t",
                "t",
                "t",
                "t",
                "k",
                "r"));
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(
        new HttpsConfigurator(serverTls) {
          @Override
          public void configure(HttpsParameters params) {
            var p = serverTls.getDefaultSSLParameters();
            p.setNeedClientAuth(true);
            params.setSSLParameters(p);
          }
        });
    https.createContext(
        "/",
        ex -> {
          byte[] body = ex.getRequestHeaders().getFirst("X-Nomad-Token").getBytes();
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    https.start();
    try {
      String url = "https://127.0.0.1:" + https.getAddress().getPort() + "/";
      StackHttp ours = StackHttp.of(StackCredentials.load(new BootyHome(tmp.resolve("booty"))));
      HttpResponse<String> r =
          ours.client().send(ours.nomad(url).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(booty.secrets().nomadManagement());

      StackCredentials other = StackCredentials.ensure(new BootyHome(tmp.resolve("other")));
      StackHttp theirs = StackHttp.of(Optional.of(other.security()), Duration.ofSeconds(2));
      assertThatThrownBy(
              () ->
                  theirs
                      .client()
                      .send(theirs.nomad(url).build(), HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
    } finally {
      https.stop(0);
    }
  }
}

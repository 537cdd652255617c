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

  /**
   * A certificate made by openssl, with its key's pin as openssl computes it ({@code x509 -pubkey |
   * pkey -pubin -outform der | dgst -sha256 -binary | base64}); headless Chromium given {@code
   * --ignore-certificate-errors-spki-list} with this pin loaded a page served with it.
   */
  @Test
  void theKeysPinIsTheSha256OfItsSubjectPublicKeyInfo() throws IOException {
    Path cert = tmp.resolve("leaf.pem");
    Files.writeString(
        cert,
        """
        -----BEGIN CERTIFICATE-----
        MIIBrTCCAVSgAwIBAgIUaDK21Lrmh2Z0v9vfolc9Rsaz7DYwCgYIKoZIzj0EAwIw
        EjEQMA4GA1UEAwwHdGVzdCBjYTAeFw0yNjEyMDQwNTIwMzRaFw0yNjEyMDYwNTIw
        MzRaMBQxEjAQBgNVBAMMCWxvY2FsaG9zdDBZMBMGByqGSM49AgEGCCqGSM49AwEH
        A0IABFYiR2y2R3JbvXZbexHb/i5Lr8RpcapuF7dUlcF3TRajUebDkUqus6mhXFqr
        juqie5GjZrJr9nlCfQZSDhlrUDWjgYUwgYIwIAYDVR0RBBkwF4IJbG9jYWxob3N0
        hwR/AAABhwR/AD0BMAkGA1UdEwQCMAAwEwYDVR0lBAwwCgYIKwYBBQUHAwEwHQYD
        VR0OBBYEFAyQUblF1YXxBr1X0KSwGa1NFs6oMB8GA1UdIwQYMBaAFNVzUBPTX3ob
        BavtYWadPSIO5C/dMAoGCCqGSM49BAMCA0cAMEQCIDANfD0E/alNi6kj8I+FC6NW
        4t2Ml/SjDwg6Yc7G75mbAiA5S2Ftdvk07vEShvj/Uq/qx6/zTigIcVye7inUbqVU
        VQ==
        -----END CERTIFICATE-----
        """);
    assertThat(BootyCa.spkiSha256(cert)).isEqualTo("EGsT1rmGt8PunTEpPaS2atwtgsdImNhK3rF2mzAiy1Q=");
    assertThatThrownBy(() -> BootyCa.spkiSha256(tmp.resolve("missing.pem")))
        .hasMessageContaining("missing.pem");
  }
}

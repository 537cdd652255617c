package dev.booty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.cli.support.Booty;
import dev.booty.core.ExitCode;
import dev.booty.core.home.BootyHome;
import dev.booty.core.security.StackCredentials;
import dev.booty.core.util.Json;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code booty ca}: the CA certificate for browsers and CLIs, never its key. */
class CaCommandTest {
  @TempDir Path home;

  @Test
  void aHomeWithoutCaSaysWhichCommandMakesIt() {
    Booty.Run r = new Booty(home, null).run("ca", "export");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("ca.pem is missing").contains("'booty up'");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void exportPrintsTheCertificateAloneAndInfoItsFingerprint() throws Exception {
    StackCredentials creds = StackCredentials.ensure(new BootyHome(home));
    Booty booty = new Booty(home, null);

    Booty.Run export = booty.run("ca", "export");
    assertThat(export.exitCode()).as(export.toString()).isZero();
    assertThat(export.out())
        .startsWith("-----BEGIN CERTIFICATE-----")
        .isEqualTo(Files.readString(creds.ca().certificateFile()))
        .doesNotContain("PRIVATE KEY");
    X509Certificate printed =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(export.out().getBytes()));
    assertThat(printed).isEqualTo(creds.ca().certificate());

    Path out = home.resolve("exported.pem");
    assertThat(booty.run("ca", "export", "--out", out.toString()).exitCode()).isZero();
    assertThat(Files.readString(out)).isEqualTo(export.out());

    Booty.Run info = booty.run("ca", "info", "--json");
    assertThat(info.exitCode()).as(info.toString()).isZero();
    JsonNode json = Json.MAPPER.readTree(info.out());
    assertThat(json.path("sha256").asText())
        .isEqualTo(
            HexFormat.ofDelimiter(":")
                .withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(printed.getEncoded())));
    assertThat(json.path("subject").asText()).contains("booty CA");
    assertThat(json.path("file").asText()).isEqualTo(creds.ca().certificateFile().toString());
  }
}

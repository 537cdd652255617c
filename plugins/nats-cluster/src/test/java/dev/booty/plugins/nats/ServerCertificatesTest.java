package dev.booty.plugins.nats;

import static dev.booty.plugins.nats.ServerLayoutTest.threeByThree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.ClusterProvider.ClusterSpec;
import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.api.NomadJob;
import dev.booty.api.StackSecurity;
import dev.booty.plugins.nats.ServerLayout.Server;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCertificatesTest {
  @TempDir Path tmp;

  private final List<HostedDataCenter> dcs = threeByThree();

  private static Set<String> sans(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      X509Certificate c =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      Set<String> out = new HashSet<>();
      c.getSubjectAlternativeNames().forEach(san -> out.add(String.valueOf(san.get(1))));
      return out;
    }
  }

  /** Every DC's view: every host name at its own address (no WAN link ends needed here). */
  private Map<String, Map<String, String>> names() {
    Map<String, String> view = new LinkedHashMap<>();
    ServerLayout.of(dcs).servers().forEach(s -> view.put(s.hostName(), s.address()));
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    dcs.forEach(dc -> out.put(dc.name(), view));
    return out;
  }

  @Test
  void eachServerGetsACertificateForItsHostNameAndAddressKeptOwnerOnly() throws Exception {
    CaContext ctx = new CaContext(tmp.resolve("home"), Path.of("/bin/true"));
    Server ams2 = ServerLayout.of(dcs).in("amsterdam").get(1);

    ServerCertificates.Pem pem = ServerCertificates.of(ctx, ams2);

    Path dir = ctx.workDir().resolve("tls");
    assertThat(sans(dir.resolve("ams-2.pem")))
        .containsExactlyInAnyOrder("ams-2.nats.booty", "127.77.2.12");
    assertThat(pem.certificate()).isEqualTo(Files.readString(dir.resolve("ams-2.pem")));
    assertThat(pem.key()).isEqualTo(Files.readString(dir.resolve("ams-2-key.pem")));
    assertThat(pem.ca()).isEqualTo(Files.readString(ctx.security().orElseThrow().caCertificate()));
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("ams-2-key.pem"))))
        .isEqualTo("rw-------");
    assertThat(pem.toString()).doesNotContain("PRIVATE KEY");
  }

  @Test
  void aFittingCertificateIsKeptAndOneForOtherNamesIsIssuedAgain() {
    CaContext ctx = new CaContext(tmp.resolve("home"), Path.of("/bin/true"));
    Server lon1 = ServerLayout.of(dcs).in("london").getFirst();

    ServerCertificates.Pem first = ServerCertificates.of(ctx, lon1);
    assertThat(ServerCertificates.of(ctx, lon1)).isEqualTo(first);
    assertThat(ctx.issued).containsExactly("lon-1");

    Server moved = new Server("lon-1", "london", "127.77.1.99", 1);
    ServerCertificates.Pem again = ServerCertificates.of(ctx, moved);
    assertThat(again.certificate()).isNotEqualTo(first.certificate());
    assertThat(ctx.issued).containsExactly("lon-1", "lon-1");
  }

  @Test
  void aTlsPlanHandsEveryServerItsFilesAndIsTheSameTheSecondTime() {
    CaContext ctx = new CaContext(tmp.resolve("home"), Path.of("/bin/true"));
    NatsCluster nats = new NatsCluster();
    ClusterSpec spec = new ClusterSpec("sec", "2.11.17", "raw_exec", Map.of("tls", "true"));

    List<NomadJob> jobs = nats.plan(spec, dcs, names(), ctx);

    String servers = jobs.getFirst().variables().get("servers");
    assertThat(servers)
        .contains("files = [{name = \"nats-ca.pem\", data = \"-----BEGIN CERTIFICATE-----")
        .contains("{name = \"nats-server.pem\", data = \"-----BEGIN CERTIFICATE-----")
        .contains("{name = \"nats-server-key.pem\", data = \"-----BEGIN PRIVATE KEY-----");
    assertThat(servers.split("\\{name = \"nats-server-key.pem\"")).hasSize(4);
    assertThat(ctx.issued).hasSize(9);
    // a redeploy does not restart servers for new certificates
    assertThat(nats.plan(spec, dcs, names(), ctx)).isEqualTo(jobs);
    assertThat(ctx.issued).hasSize(9);
    // without TLS no files, and no certificate is issued
    String plain =
        nats.plan(new ClusterSpec("sec", "2.11.17", "raw_exec", Map.of()), dcs, names(), ctx)
            .getFirst()
            .variables()
            .get("servers");
    assertThat(plain).contains("files = []").doesNotContain("BEGIN");
  }

  @Test
  void tlsWithoutBootysCaNamesTheOptionAndBootyUp() {
    CaContext ctx =
        new CaContext(tmp.resolve("home"), Path.of("/bin/true")) {
          @Override
          public Optional<StackSecurity> security() {
            return Optional.empty();
          }
        };

    assertThatThrownBy(() -> ServerCertificates.of(ctx, ServerLayout.of(dcs).servers().getFirst()))
        .hasMessage(
            "cluster option tls: this booty home has no CA to issue the servers' certificates;"
                + " 'booty up' makes one");
  }
}

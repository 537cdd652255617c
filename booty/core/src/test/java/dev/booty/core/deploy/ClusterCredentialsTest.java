package dev.booty.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.core.deploy.ClusterCredentials.ClientSecrets;
import dev.booty.core.home.BootyHome;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import dev.booty.core.security.StackCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCredentialsTest {
  @TempDir Path tmp;

  static Scenario scenario(String cluster) {
    return ScenarioLoader.parse(
        """
        version: 1
        name: sec
        plugins:
          hosting: local
          cluster: nats
        datacenters:
          - name: london
            servers: 1
        cluster:
          replicas: 1
        """
            + cluster
            + """
        workload:
          subject: shop.orders
          rate: 10
          size: 64
        """,
        Path.of("sec.yaml"));
  }

  @Test
  void aScenarioWithTheDefaultsAddsNoOptionAndItsClientsNeedNothing() {
    Scenario s = scenario("");
    BootyHome home = new BootyHome(tmp);

    assertThat(ClusterCredentials.clusterOptions(tmp, s)).isEmpty();
    ClientSecrets secrets = ClusterCredentials.clientSecrets(home, s, "r1");
    assertThat(secrets.none()).isTrue();
    assertThat(secrets.clientOptions("/secrets")).isEmpty();
    assertThat(tmp.resolve("scenarios")).doesNotExist();
  }

  @Test
  void tlsAddsTheOptionAndHandsClientsBootysCa() throws Exception {
    Scenario s = scenario("  tls: true\n");
    BootyHome home = new BootyHome(tmp);
    StackCredentials.ensure(home);

    assertThat(ClusterCredentials.clusterOptions(tmp, s)).isEqualTo(Map.of("tls", "true"));
    ClientSecrets secrets = ClusterCredentials.clientSecrets(home, s, "r1");
    assertThat(secrets.caPem())
        .isEqualTo(Files.readString(StackCredentials.dir(home).resolve("ca.pem")));
    assertThat(secrets.creds()).isNull();
    assertThat(secrets.clientOptions("/secrets"))
        .containsExactly("--nats-ca", "/secrets/nats-ca.pem");
  }

  @Test
  void tlsWithoutBootysCaNamesTheKeyAndBootyUp() {
    Scenario s = scenario("  tls: true\n");

    assertThatThrownBy(() -> ClusterCredentials.clientSecrets(new BootyHome(tmp), s, "r1"))
        .hasMessageContaining("sec.yaml: cluster.tls: cannot read booty's CA certificate")
        .hasMessageContaining("'booty up' makes it");
  }

  @Test
  void jwtAddsTheChainOfTrustKeptWithTheScenarioAndCredsForTheWorkloadSubject() throws Exception {
    Scenario s = scenario("  auth: jwt\n");
    BootyHome home = new BootyHome(tmp);

    Map<String, String> options = ClusterCredentials.clusterOptions(tmp, s);
    assertThat(options)
        .containsEntry("auth", "jwt")
        .containsKeys("operatorJwt", "systemAccount", "accountJwts")
        .doesNotContainKey("tls");
    Path keys = tmp.resolve("scenarios/sec/nats-trust/keys.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)))
        .isEqualTo("rw-------");
    assertThat(ClusterCredentials.clusterOptions(tmp, s)).isEqualTo(options);

    ClientSecrets secrets = ClusterCredentials.clientSecrets(home, s, "r7");
    assertThat(secrets.caPem()).isNull();
    assertThat(secrets.creds()).contains("BEGIN NATS USER JWT");
    assertThat(secrets.toString()).doesNotContain("NKEY").contains("creds hidden");
    assertThat(secrets.clientOptions("/secrets"))
        .containsExactly("--nats-creds", "/secrets/nats.creds");

    secrets.writeTo(tmp.resolve("task"));
    Path creds = tmp.resolve("task/nats.creds");
    assertThat(Files.readString(creds)).isEqualTo(secrets.creds());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(creds)))
        .isEqualTo("rw-------");
  }
}

package dev.booty.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.util.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterTrustTest {
  @TempDir Path tmp;

  /** The claims of a JWT (its middle part). */
  static JsonNode claims(String jwt) throws Exception {
    return Json.MAPPER.readTree(
        new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void theKeysAreMadeOnceOwnerOnlyAndTheJwtsComeOutTheSameAtEveryLoad() throws Exception {
    Map<String, String> first = ClusterTrust.ensure(tmp).options();
    Map<String, String> again = ClusterTrust.ensure(tmp).options();

    // the same text at every deploy: the servers' configs, and so their jobs, stay unchanged
    assertThat(again).isEqualTo(first);
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("keys.json"))))
        .isEqualTo("rw-------");
    assertThat(Json.MAPPER.readTree(tmp.resolve("keys.json").toFile()).fieldNames())
        .toIterable()
        .containsExactly("operator", "system", "app", "createdAt");
  }

  @Test
  void theOptionsNameTheOperatorTheSystemAccountAndBothAccountsJwts() throws Exception {
    ClusterTrust trust = ClusterTrust.ensure(tmp);
    Map<String, String> o = trust.options();

    assertThat(o).containsOnlyKeys("auth", "operatorJwt", "systemAccount", "accountJwts");
    assertThat(o.get("auth")).isEqualTo("jwt");
    assertThat(o.get("systemAccount")).isEqualTo(trust.systemAccount()).startsWith("A");
    JsonNode operator = claims(o.get("operatorJwt"));
    assertThat(operator.path("sub").asText()).startsWith("O");
    assertThat(operator.path("nats").path("system_account").asText())
        .isEqualTo(trust.systemAccount());
    String[] pairs = o.get("accountJwts").split(",");
    assertThat(pairs).hasSize(2);
    assertThat(pairs[0]).startsWith(trust.systemAccount() + "=");
    assertThat(pairs[1]).startsWith(trust.appAccount() + "=");
    JsonNode app = claims(pairs[1].substring(pairs[1].indexOf('=') + 1));
    assertThat(app.path("name").asText()).isEqualTo("APP");
    assertThat(app.path("iss").asText()).isEqualTo(operator.path("sub").asText());
    // JetStream for the application, none for the system account
    assertThat(app.path("nats").path("limits").path("disk_storage").asLong()).isEqualTo(-1);
    JsonNode sys = claims(pairs[0].substring(pairs[0].indexOf('=') + 1));
    assertThat(sys.path("nats").path("limits").path("disk_storage").asLong()).isZero();
  }

  @Test
  void aClientsCredsAllowTheWorkloadInboxesAndTheJetStreamApiOnly() throws Exception {
    ClusterTrust trust = ClusterTrust.ensure(tmp);
    String creds = trust.clientCreds("clients-r1", "booty.client");

    assertThat(creds).contains("BEGIN NATS USER JWT").contains("BEGIN USER NKEY SEED");
    String jwt = creds.lines().filter(l -> l.startsWith("eyJ")).findFirst().orElseThrow();
    JsonNode user = claims(jwt);
    assertThat(user.path("name").asText()).isEqualTo("clients-r1");
    assertThat(user.path("iss").asText()).isEqualTo(trust.appAccount());
    assertThat(texts(user.path("nats").path("pub").path("allow")))
        .containsExactlyInAnyOrder("booty.client.>", "_INBOX.>", "$JS.API.>", "$JS.ACK.>");
    assertThat(texts(user.path("nats").path("sub").path("allow")))
        .containsExactlyInAnyOrder("booty.client.>", "_INBOX.>");
    // a new user each time
    assertThat(trust.clientCreds("clients-r1", "booty.client")).isNotEqualTo(creds);
    assertThatThrownBy(() -> trust.clientCreds("c", "booty.*"))
        .hasMessageContaining("workload subject 'booty.*'");
  }

  @Test
  void aKeysFileWithoutASeedNamesTheFileAndTheSeed() throws Exception {
    Files.writeString(tmp.resolve("keys.json"), "{\"operator\": \"\", \"createdAt\": 1}");

    assertThatThrownBy(() -> ClusterTrust.ensure(tmp))
        .hasMessageContaining(tmp.resolve("keys.json").toString())
        .hasMessageContaining("has no 'operator' seed");
  }
}

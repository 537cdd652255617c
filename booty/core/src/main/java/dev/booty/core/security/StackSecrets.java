package dev.booty.core.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.booty.core.BootyException;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * The control plane's tokens and keys, chosen by booty before Nomad and Consul first start (so a
 * restart, or a stack whose data was purged, gets the very same ones): {@code
 * security/tokens.json}, mode 600. Consul takes its management token from its config ({@code
 * initial_management}); Nomad is bootstrapped with {@link #nomadManagement} as the bootstrap
 * secret; every other token is created with its secret given, so none is ever read back.
 *
 * @param nomadManagement booty's own Nomad token (management)
 * @param nomadOperator what the Nomad UI behind Caddy's password acts with: jobs, nodes, agent; no
 *     ACL administration
 * @param consulManagement booty's own Consul token (management)
 * @param consulAgent Consul agents register their node (node write, service read)
 * @param consulNomad Nomad agents register themselves and their jobs' services
 * @param consulReader read-only catalog access: booty's DC agents, the DNS plugin, the UI
 * @param gossipKey Consul's (and Nomad's servers') gossip encryption key (32 bytes, base64)
 * @param metricsPassword VictoriaMetrics' basic-auth password (user {@code booty}); absent in a
 *     file written before VictoriaMetrics asked for one, then added by {@link #loadOrCreate}
 */
public record StackSecrets(
    @JsonProperty("nomadManagement") String nomadManagement,
    @JsonProperty("nomadOperator") String nomadOperator,
    @JsonProperty("consulManagement") String consulManagement,
    @JsonProperty("consulAgent") String consulAgent,
    @JsonProperty("consulNomad") String consulNomad,
    @JsonProperty("consulReader") String consulReader,
    @JsonProperty("gossipKey") String gossipKey,
    @JsonProperty("metricsPassword") String metricsPassword) {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The secrets in {@code file}, made and written there first when there are none. */
  public static StackSecrets loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        StackSecrets kept = load(file);
        if (kept.metricsPassword() != null) {
          return kept;
        }
        StackSecrets more =
            new StackSecrets(
                kept.nomadManagement(),
                kept.nomadOperator(),
                kept.consulManagement(),
                kept.consulAgent(),
                kept.consulNomad(),
                kept.consulReader(),
                kept.gossipKey(),
                password());
        FileTrees.writeAtomically(
            file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(more), true);
        return more;
      }
      byte[] key = new byte[32];
      RANDOM.nextBytes(key);
      StackSecrets s =
          new StackSecrets(
              uuid(),
              uuid(),
              uuid(),
              uuid(),
              uuid(),
              uuid(),
              Base64.getEncoder().encodeToString(key),
              password());
      FileTrees.writeAtomically(
          file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(s), true);
      return s;
    } catch (IOException e) {
      throw BootyException.failure(
          "cannot write the stack's secrets to " + file + ": " + e.getMessage());
    }
  }

  public static StackSecrets load(Path file) {
    try {
      StackSecrets s = Json.MAPPER.readValue(file.toFile(), StackSecrets.class);
      if (s.nomadManagement() == null
          || s.nomadOperator() == null
          || s.consulManagement() == null
          || s.consulAgent() == null
          || s.consulNomad() == null
          || s.consulReader() == null
          || s.gossipKey() == null) {
        throw BootyException.failure(
            file + " lacks some of the stack's secrets; restore it from a backup");
      }
      return s;
    } catch (IOException e) {
      throw BootyException.failure(
          "cannot read the stack's secrets in " + file + ": " + e.getMessage());
    }
  }

  private static String password() {
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private static String uuid() {
    return UUID.randomUUID().toString();
  }

  @Override
  public String toString() {
    return "StackSecrets[hidden]";
  }
}

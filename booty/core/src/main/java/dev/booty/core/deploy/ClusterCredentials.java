package dev.booty.core.deploy;

import dev.booty.core.BootyException;
import dev.booty.core.client.ClientConfig;
import dev.booty.core.home.BootyHome;
import dev.booty.core.scenario.Cluster;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.security.ClusterTrust;
import dev.booty.core.security.StackCredentials;
import dev.booty.core.util.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a scenario's own NATS cluster asks of the clients that connect to it, and what its servers
 * need to ask it: with {@code cluster.tls} the clients trust booty's CA (the servers' certificates
 * come from it); with {@code cluster.auth: jwt} the servers run in operator mode under the
 * scenario's {@link ClusterTrust} (kept in {@code scenarios/NAME/nats-trust/}, removed by destroy)
 * and every client brings creds of its application account.
 */
public final class ClusterCredentials {
  private ClusterCredentials() {}

  /**
   * What the test clients of a run need: booty's CA certificate (PEM) when the cluster speaks TLS,
   * and a creds file's content when it asks for credentials; each null when not needed. The creds
   * are a new user's each time (the account and its permissions stay).
   */
  public record ClientSecrets(String caPem, String creds) {
    /** The file names the secrets go to in a client task's secrets directory. */
    public static final String CA_FILE = "nats-ca.pem";

    public static final String CREDS_FILE = "nats.creds";

    public boolean none() {
      return caPem == null && creds == null;
    }

    /**
     * The options of {@code booty clients} (and {@code booty client}) for these secrets in {@code
     * dir} (as the client's process sees it, e.g. {@code ${NOMAD_SECRETS_DIR}}): {@code --nats-ca
     * DIR/nats-ca.pem}, {@code --nats-creds DIR/nats.creds}, only those needed.
     */
    public List<String> clientOptions(String dir) {
      List<String> out = new ArrayList<>();
      if (caPem != null) {
        out.add("--nats-ca");
        out.add(dir + "/" + CA_FILE);
      }
      if (creds != null) {
        out.add("--nats-creds");
        out.add(dir + "/" + CREDS_FILE);
      }
      return out;
    }

    /**
     * Writes the secrets into {@code dir} (mode 600) under {@link #CA_FILE}, {@link #CREDS_FILE}.
     */
    public void writeTo(Path dir) {
      try {
        if (caPem != null) {
          FileTrees.writeAtomically(dir.resolve(CA_FILE), caPem, true);
        }
        if (creds != null) {
          FileTrees.writeAtomically(dir.resolve(CREDS_FILE), creds, true);
        }
      } catch (IOException e) {
        throw BootyException.failure("cannot write the NATS client secrets to " + dir + ": " + e);
      }
    }

    @Override
    public String toString() {
      return "ClientSecrets[tls="
          + (caPem != null)
          + ", creds "
          + (creds == null ? "none" : "hidden")
          + "]";
    }
  }

  /** Where the scenario's cluster trust keeps its keys. */
  public static Path trustDir(Path home, String scenario) {
    return DeploymentState.dir(home, scenario).resolve("nats-trust");
  }

  /**
   * The cluster options booty adds for the cluster plugin: {@code tls} and {@code auth} as the
   * scenario says, and with {@code auth: jwt} the chain of trust's public JWTs ({@link
   * ClusterTrust#options()}; its keys are made on first use).
   */
  public static Map<String, String> clusterOptions(Path home, Scenario s) {
    Cluster c = s.cluster();
    Map<String, String> out = new LinkedHashMap<>();
    if (c.tls()) {
      out.put("tls", "true");
    }
    if (c.auth() == Cluster.Auth.JWT) {
      out.putAll(ClusterTrust.ensure(trustDir(home, s.name())).options());
    }
    return out;
  }

  /**
   * The secrets the test clients of scenario {@code s} need (see {@link ClientSecrets}); the creds'
   * user is named {@code clients-RUN}, with the permissions of the scenario's workload subject
   * ({@link ClusterTrust#clientCreds}).
   */
  public static ClientSecrets clientSecrets(BootyHome home, Scenario s, String run) {
    Cluster c = s.cluster();
    String ca = null;
    if (c.tls()) {
      Path file = StackCredentials.dir(home).resolve("ca.pem");
      try {
        ca = Files.readString(file);
      } catch (IOException e) {
        throw BootyException.failure(
            s.file()
                + ": cluster.tls: cannot read booty's CA certificate "
                + file
                + " ("
                + e.getMessage()
                + "); 'booty up' makes it");
      }
    }
    String creds = null;
    if (c.auth() == Cluster.Auth.JWT) {
      String subject = s.workload() == null ? ClientConfig.Builder.SUBJECT : s.workload().subject();
      creds =
          ClusterTrust.ensure(trustDir(home.root(), s.name()))
              .clientCreds("clients-" + run, subject);
    }
    return new ClientSecrets(ca, creds);
  }
}

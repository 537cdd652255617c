package dev.booty.core.security;

import io.nats.client.NKey;
import io.nats.client.support.JwtUtils;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chain of trust of a scenario's own NATS cluster when it runs {@code cluster.auth: jwt}, set
 * up as production does: an operator, a system account (which the servers' gateways and routes need
 * in operator mode), and one application account, {@value #APP_ACCOUNT}, with JetStream. Users of
 * the application account get only the permissions they need ({@link #clientCreds}).
 *
 * <p>Its own seeds, apart from the control plane's, in the scenario's folder of the booty home
 * ({@code keys.json}, mode 600): they go with the scenario on destroy. Operator and account JWTs
 * are issued at the instant the keys were made, so they come out the same at every deploy and the
 * servers' configs (and jobs) stay unchanged; users' creds are new each time they are asked for.
 */
public final class ClusterTrust {
  public static final String APP_ACCOUNT = "APP";
  public static final String SYSTEM_ACCOUNT = "SYS";

  /** The cluster options that hand the trust to the cluster plugin (see {@link #options()}). */
  public static final String AUTH = "auth";

  public static final String OPERATOR_JWT = "operatorJwt";
  public static final String SYSTEM_ACCOUNT_KEY = "systemAccount";
  public static final String ACCOUNT_JWTS = "accountJwts";

  private final NKey operator;
  private final NKey system;
  private final NKey app;
  private final long issuedAt;

  private ClusterTrust(NatsJwts.Keys keys) {
    this.operator = keys.get("operator");
    this.system = keys.get("system");
    this.app = keys.get("app");
    this.issuedAt = keys.createdAt();
  }

  /** The trust whose keys are in {@code dir/keys.json}, made there on first use. */
  public static ClusterTrust ensure(Path dir) {
    Map<String, NatsJwts.Kind> kinds = new LinkedHashMap<>();
    kinds.put("operator", NatsJwts.Kind.OPERATOR);
    kinds.put("system", NatsJwts.Kind.ACCOUNT);
    kinds.put("app", NatsJwts.Kind.ACCOUNT);
    return new ClusterTrust(NatsJwts.ensure(dir.resolve("keys.json"), kinds));
  }

  public String systemAccount() {
    return NatsJwts.publicKey(system);
  }

  public String appAccount() {
    return NatsJwts.publicKey(app);
  }

  /** The operator's JWT, naming the system account. */
  public String operatorJwt() {
    return NatsJwts.operatorJwt(operator, "booty-scenario-operator", system, issuedAt);
  }

  /**
   * What the cluster plugin renders operator mode from: {@code auth=jwt}, the operator's JWT, the
   * system account's public key, and every account's JWT as {@code PUBLIC_KEY=JWT} pairs separated
   * by commas (neither holds {@code ,} or {@code =}), for a resolver of type MEMORY preloaded with
   * them. Public material only: JWTs are signed claims, not secrets.
   */
  public Map<String, String> options() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(AUTH, "jwt");
    out.put(OPERATOR_JWT, operatorJwt());
    out.put(SYSTEM_ACCOUNT_KEY, systemAccount());
    out.put(
        ACCOUNT_JWTS,
        String.join(
            ",",
            List.of(
                systemAccount()
                    + "="
                    + NatsJwts.accountJwt(operator, system, SYSTEM_ACCOUNT, false, issuedAt),
                appAccount()
                    + "="
                    + NatsJwts.accountJwt(operator, app, APP_ACCOUNT, true, issuedAt))));
    return out;
  }

  /**
   * A creds file's content for a new user {@code userName} of the application account, as a test
   * client of the workload rooted at {@code subject} needs it and nothing more: publish and
   * subscribe {@code SUBJECT.>} and {@code _INBOX.>} (replies to its requests, and its answers to
   * others'), publish to the account's JetStream API {@code $JS.API.>} and acknowledgements {@code
   * $JS.ACK.>}. The server refuses everything else.
   */
  public String clientCreds(String userName, String subject) {
    if (subject == null || subject.isBlank() || subject.contains("*") || subject.contains(">")) {
      throw new IllegalArgumentException(
          "workload subject '" + subject + "' cannot root the clients' permissions");
    }
    String workload = subject + ".>";
    JwtUtils.UserClaim claim =
        new JwtUtils.UserClaim(appAccount())
            .pub(new JwtUtils.Permission().allow(workload, "_INBOX.>", "$JS.API.>", "$JS.ACK.>"))
            .sub(new JwtUtils.Permission().allow(workload, "_INBOX.>"));
    return NatsJwts.userCreds(app, userName, claim);
  }
}

package dev.booty.core.stack;

import dev.booty.core.BootyException;
import dev.booty.core.backchannel.protocol.Subjects;
import dev.booty.core.security.NatsJwts;
import io.nats.client.NKey;
import io.nats.client.support.JwtUtils;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The control plane's chain of trust, set up the way NGS is: an operator, a system account, and
 * booty's back-channel account, each an NKey, with JWTs signed down the chain (operator signs
 * accounts, accounts sign users) and creds files for users. The seeds are generated once and kept
 * in {@code stack/nats/keys.json} (mode 600), so identities and creds files stay valid across
 * boots. Nothing anonymous gets in: the server runs in operator mode. How keys, JWTs and creds are
 * made is {@link NatsJwts}'s, shared with the scenario clusters' trust.
 */
public final class NatsTrust {
  public static final String BOOTY_ACCOUNT = "BOOTY";
  public static final String SYSTEM_ACCOUNT = "SYS";

  /**
   * What a node's name may be: it becomes one token of the back channel's subjects ({@code
   * booty.cmd.N.>}), so no dots, wildcards or spaces.
   */
  public static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9_-]+");

  private final NKey operator;
  private final NKey system;
  private final NKey booty;

  private NatsTrust(NatsJwts.Keys keys) {
    this.operator = keys.get("operator");
    this.system = keys.get("system");
    this.booty = keys.get("booty");
  }

  /** Loads the keys from {@code dir/keys.json}, creating them on first use. */
  public static NatsTrust ensure(Path dir) {
    Map<String, NatsJwts.Kind> kinds = new LinkedHashMap<>();
    kinds.put("operator", NatsJwts.Kind.OPERATOR);
    kinds.put("system", NatsJwts.Kind.ACCOUNT);
    kinds.put("booty", NatsJwts.Kind.ACCOUNT);
    return new NatsTrust(NatsJwts.ensure(dir.resolve("keys.json"), kinds));
  }

  public String operatorPublicKey() {
    return publicKey(operator);
  }

  public String systemAccount() {
    return publicKey(system);
  }

  public String bootyAccount() {
    return publicKey(booty);
  }

  /** The operator's self-signed JWT naming the system account. */
  public String operatorJwt() {
    return NatsJwts.operatorJwt(operator, "booty-operator", system, JwtUtils.currentTimeSeconds());
  }

  /** The system account's JWT (no JetStream). */
  public String systemAccountJwt() {
    return NatsJwts.accountJwt(
        operator, system, SYSTEM_ACCOUNT, false, JwtUtils.currentTimeSeconds());
  }

  /** booty's back-channel account's JWT, with JetStream. */
  public String bootyAccountJwt() {
    return NatsJwts.accountJwt(operator, booty, BOOTY_ACCOUNT, true, JwtUtils.currentTimeSeconds());
  }

  /**
   * A creds file's content for a new user of {@code account} ({@link #BOOTY_ACCOUNT} or {@link
   * #SYSTEM_ACCOUNT}) with full permissions in that account.
   */
  public String userCreds(String account, String userName) {
    return NatsJwts.userCreds(account.equals(SYSTEM_ACCOUNT) ? system : booty, userName, null);
  }

  /**
   * A creds file's content for the agent of node {@code node}: a user of {@link #BOOTY_ACCOUNT}
   * that may publish only {@code booty.agent.hb.N} and {@code booty.telemetry.N}, subscribe only
   * {@code booty.cmd.N.>}, and answer each request it received once (the claim's {@code resp}
   * permission), as docs/backchannel.md describes. The server enforces it.
   */
  public String agentCreds(String node) {
    if (node == null || !NODE_NAME.matcher(node).matches()) {
      throw BootyException.usage(
          "node name '"
              + node
              + "' cannot be an agent's identity: use only letters, digits, '_' and '-' (it is a"
              + " token of the subjects booty.cmd.NODE.> and booty.telemetry.NODE)");
    }
    JwtUtils.UserClaim claim =
        new JwtUtils.UserClaim(bootyAccount())
            .pub(
                new JwtUtils.Permission().allow(Subjects.heartbeat(node), Subjects.telemetry(node)))
            .sub(new JwtUtils.Permission().allow(Subjects.commands(node)))
            .resp(new JwtUtils.ResponsePermission().maxMsgs(1));
    return issueUser("agent-" + node, claim, "the agent JWT of node " + node);
  }

  /**
   * A creds file's content for the test clients of scenario {@code scenario}: they publish their
   * reports and hear booty's requests on {@code booty.clients.SCENARIO.>} only, and answer each
   * request once.
   */
  public String clientCreds(String scenario) {
    if (scenario == null || !NODE_NAME.matcher(scenario).matches()) {
      throw BootyException.usage("scenario name '" + scenario + "' cannot name a subject token");
    }
    String subjects = Subjects.clients(scenario);
    JwtUtils.UserClaim claim =
        new JwtUtils.UserClaim(bootyAccount())
            .pub(new JwtUtils.Permission().allow(subjects))
            .sub(new JwtUtils.Permission().allow(subjects))
            .resp(new JwtUtils.ResponsePermission().maxMsgs(1));
    return issueUser("clients-" + scenario, claim, "the test clients' JWT of " + scenario);
  }

  /**
   * A creds file's content for the pages of scenario {@code scenario}'s browser test clients: they
   * may only publish on {@code booty.clients.SCENARIO.report} (no subscription, no reply), so a
   * page (code running in a browser) can tell booty what it saw and nothing else. Issued per run.
   */
  public String reportCreds(String scenario, String run) {
    if (scenario == null || !NODE_NAME.matcher(scenario).matches()) {
      throw BootyException.usage("scenario name '" + scenario + "' cannot name a subject token");
    }
    JwtUtils.UserClaim claim =
        new JwtUtils.UserClaim(bootyAccount())
            .pub(new JwtUtils.Permission().allow(Subjects.clientReports(scenario)))
            .sub(new JwtUtils.Permission().deny(">"));
    return issueUser(
        "reports-" + scenario + "-" + run, claim, "the browser pages' JWT of " + scenario);
  }

  /** A creds file's content for a new user of booty's account with {@code claim}. */
  private String issueUser(String name, JwtUtils.UserClaim claim, String what) {
    try {
      return NatsJwts.userCreds(booty, name, claim);
    } catch (BootyException e) {
      throw BootyException.failure("cannot issue " + what + ": " + e.getMessage());
    }
  }

  private static String publicKey(NKey key) {
    return NatsJwts.publicKey(key);
  }
}

package dev.booty.core.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.BootyException;
import dev.booty.core.backchannel.protocol.Subjects;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Json;
import io.nats.client.NKey;
import io.nats.client.support.JsonSerializable;
import io.nats.client.support.JwtUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The control plane's chain of trust, set up the way NGS is: an operator, a system account, and
 * booty's back-channel account, each an NKey, with JWTs signed down the chain (operator signs
 * accounts, accounts sign users) and creds files for users. The seeds are generated once and kept
 * in {@code stack/nats/keys.json} (mode 600), so identities and creds files stay valid across
 * boots. Nothing anonymous gets in: the server runs in operator mode.
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

  private NatsTrust(NKey operator, NKey system, NKey booty) {
    this.operator = operator;
    this.system = system;
    this.booty = booty;
  }

  /** Loads the keys from {@code dir/keys.json}, creating them on first use. */
  public static NatsTrust ensure(Path dir) {
    Path file = dir.resolve("keys.json");
    try {
      if (Files.isRegularFile(file)) {
        JsonNode k = Json.MAPPER.readTree(file.toFile());
        return new NatsTrust(seed(k, "operator"), seed(k, "system"), seed(k, "booty"));
      }
      SecureRandom random = new SecureRandom();
      NatsTrust t =
          new NatsTrust(
              NKey.createOperator(random), NKey.createAccount(random), NKey.createAccount(random));
      FileTrees.writeAtomically(
          file,
          Json.MAPPER.writeValueAsString(
              Map.of(
                  "operator", new String(t.operator.getSeed()),
                  "system", new String(t.system.getSeed()),
                  "booty", new String(t.booty.getSeed()))),
          true);
      return t;
    } catch (IOException | GeneralSecurityException e) {
      throw BootyException.failure(
          "cannot set up the control plane's keys in " + dir + ": " + e.getMessage());
    }
  }

  private static NKey seed(JsonNode keys, String name) {
    String seed = keys.path(name).asText("");
    if (seed.isEmpty()) {
      throw BootyException.failure(
          "keys.json has no '" + name + "' seed; remove it to start a new chain of trust");
    }
    return NKey.fromSeed(seed.toCharArray());
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
    return issue(
        operator,
        operator,
        "booty-operator",
        "{\"type\":\"operator\",\"version\":2,\"system_account\":\"" + systemAccount() + "\"}");
  }

  /** The system account's JWT (no JetStream). */
  public String systemAccountJwt() {
    return issue(operator, system, SYSTEM_ACCOUNT, accountClaim(false));
  }

  /** booty's back-channel account's JWT, with JetStream. */
  public String bootyAccountJwt() {
    return issue(operator, booty, BOOTY_ACCOUNT, accountClaim(true));
  }

  /**
   * A creds file's content for a new user of {@code account} ({@link #BOOTY_ACCOUNT} or {@link
   * #SYSTEM_ACCOUNT}) with full permissions in that account.
   */
  public String userCreds(String account, String userName) {
    NKey accountKey = account.equals(SYSTEM_ACCOUNT) ? system : booty;
    try {
      NKey user = NKey.createUser(new SecureRandom());
      String jwt =
          JwtUtils.issueUserJWT(accountKey, publicKey(accountKey), publicKey(user), userName);
      return String.format(JwtUtils.NATS_USER_JWT_FORMAT, jwt, new String(user.getSeed()));
    } catch (IOException | GeneralSecurityException e) {
      throw BootyException.failure(
          "cannot issue a user JWT for " + userName + ": " + e.getMessage());
    }
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
      NKey user = NKey.createUser(new SecureRandom());
      String jwt =
          JwtUtils.issueUserJWT(
              booty, publicKey(user), name, null, JwtUtils.currentTimeSeconds(), claim);
      return String.format(JwtUtils.NATS_USER_JWT_FORMAT, jwt, new String(user.getSeed()));
    } catch (IOException | GeneralSecurityException e) {
      throw BootyException.failure("cannot issue " + what + ": " + e.getMessage());
    }
  }

  private static String accountClaim(boolean jetstream) {
    String storage = jetstream ? "-1" : "0";
    return "{\"type\":\"account\",\"version\":2,\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,"
        + "\"imports\":-1,\"exports\":-1,\"wildcards\":true,\"conn\":-1,\"leaf\":-1,"
        + "\"mem_storage\":"
        + storage
        + ",\"disk_storage\":"
        + storage
        + ",\"streams\":-1,\"consumer\":-1}}";
  }

  private static String issue(NKey signer, NKey subject, String name, String natsClaim) {
    try {
      JsonSerializable claim = () -> natsClaim;
      return JwtUtils.issueJWT(
          signer,
          publicKey(subject),
          name,
          null,
          JwtUtils.currentTimeSeconds(),
          publicKey(signer),
          claim);
    } catch (IOException | GeneralSecurityException e) {
      throw BootyException.failure("cannot sign the JWT of " + name + ": " + e.getMessage());
    }
  }

  private static String publicKey(NKey key) {
    try {
      return new String(key.getPublicKey());
    } catch (IOException | GeneralSecurityException e) {
      throw BootyException.failure("cannot derive a public key: " + e.getMessage());
    }
  }
}

package dev.booty.core.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.booty.core.BootyException;
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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * NATS's decentralised trust as booty issues it, for the control plane ({@code NatsTrust}) and for
 * scenario clusters ({@link ClusterTrust}) alike: NKeys kept as seeds in a JSON file (mode 600), an
 * operator JWT naming its system account, account JWTs signed by the operator, and creds files of
 * users signed by their account.
 */
public final class NatsJwts {
  /** The kinds of key a keys file holds. */
  public enum Kind {
    OPERATOR,
    ACCOUNT
  }

  /**
   * The keys of a keys file, by name, and when the file was made (seconds since the epoch): JWTs
   * issued at that instant come out the same every time, so configs that carry them stay the same.
   */
  public record Keys(Map<String, NKey> byName, long createdAt) {
    public NKey get(String name) {
      NKey k = byName.get(name);
      if (k == null) {
        throw new IllegalArgumentException("no key named " + name);
      }
      return k;
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private NatsJwts() {}

  /**
   * The keys in {@code file} (seeds by name, plus {@code createdAt}), made there on first use with
   * one key of each kind {@code kinds} names. A file made before it recorded {@code createdAt}
   * counts from its last change.
   */
  public static Keys ensure(Path file, Map<String, Kind> kinds) {
    try {
      if (Files.isRegularFile(file)) {
        JsonNode k = Json.MAPPER.readTree(file.toFile());
        Map<String, NKey> keys = new LinkedHashMap<>();
        for (String name : kinds.keySet()) {
          keys.put(name, seed(file, k, name));
        }
        long created =
            k.has("createdAt")
                ? k.path("createdAt").asLong()
                : Files.getLastModifiedTime(file).toInstant().getEpochSecond();
        return new Keys(Map.copyOf(keys), created);
      }
      Map<String, NKey> keys = new LinkedHashMap<>();
      ObjectNode out = Json.MAPPER.createObjectNode();
      for (Map.Entry<String, Kind> e : kinds.entrySet()) {
        NKey key =
            e.getValue() == Kind.OPERATOR
                ? NKey.createOperator(RANDOM)
                : NKey.createAccount(RANDOM);
        keys.put(e.getKey(), key);
        out.put(e.getKey(), new String(key.getSeed()));
      }
      long created = JwtUtils.currentTimeSeconds();
      out.put("createdAt", created);
      FileTrees.writeAtomically(file, Json.MAPPER.writeValueAsString(out), true);
      return new Keys(Map.copyOf(keys), created);
    } catch (IOException | GeneralSecurityException e) {
      throw BootyException.failure(
          "cannot set up the NATS keys in " + file + ": " + e.getMessage());
    }
  }

  private static NKey seed(Path file, JsonNode keys, String name) {
    String seed = keys.path(name).asText("");
    if (seed.isEmpty()) {
      throw BootyException.failure(
          file
              + " has no '"
              + name
              + "' seed; remove it to start a new chain of trust (every creds file made from it"
              + " must then be made again)");
    }
    return NKey.fromSeed(seed.toCharArray());
  }

  /** The operator's self-signed JWT naming its system account. */
  public static String operatorJwt(NKey operator, String name, NKey system, long issuedAt) {
    return issue(
        operator,
        operator,
        name,
        "{\"type\":\"operator\",\"version\":2,\"system_account\":\"" + publicKey(system) + "\"}",
        issuedAt);
  }

  /** An account's JWT signed by the operator, with JetStream (unlimited) or without. */
  public static String accountJwt(
      NKey operator, NKey account, String name, boolean jetstream, long issuedAt) {
    String storage = jetstream ? "-1" : "0";
    return issue(
        operator,
        account,
        name,
        "{\"type\":\"account\",\"version\":2,\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,"
            + "\"imports\":-1,\"exports\":-1,\"wildcards\":true,\"conn\":-1,\"leaf\":-1,"
            + "\"mem_storage\":"
            + storage
            + ",\"disk_storage\":"
            + storage
            + ",\"streams\":-1,\"consumer\":-1}}",
        issuedAt);
  }

  /**
   * A creds file's content for a new user of {@code account} named {@code userName}: with {@code
   * claim}'s permissions, or every permission of the account when {@code claim} is null.
   */
  public static String userCreds(NKey account, String userName, JwtUtils.UserClaim claim) {
    try {
      NKey user = NKey.createUser(RANDOM);
      String jwt =
          claim == null
              ? JwtUtils.issueUserJWT(account, publicKey(account), publicKey(user), userName)
              : JwtUtils.issueUserJWT(
                  account, publicKey(user), userName, null, JwtUtils.currentTimeSeconds(), claim);
      return String.format(JwtUtils.NATS_USER_JWT_FORMAT, jwt, new String(user.getSeed()));
    } catch (IOException | GeneralSecurityException e) {
      throw BootyException.failure(
          "cannot issue the user JWT of " + userName + ": " + e.getMessage());
    }
  }

  private static String issue(
      NKey signer, NKey subject, String name, String natsClaim, long issuedAt) {
    try {
      JsonSerializable claim = () -> natsClaim;
      return JwtUtils.issueJWT(
          signer, publicKey(subject), name, null, issuedAt, publicKey(signer), claim);
    } catch (IOException | GeneralSecurityException e) {
      throw BootyException.failure("cannot sign the JWT of " + name + ": " + e.getMessage());
    }
  }

  /** A key's public key ({@code O...}, {@code A...}, {@code U...}). */
  public static String publicKey(NKey key) {
    try {
      return new String(key.getPublicKey());
    } catch (IOException | GeneralSecurityException e) {
      throw BootyException.failure("cannot derive a public key: " + e.getMessage());
    }
  }
}

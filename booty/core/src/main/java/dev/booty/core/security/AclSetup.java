package dev.booty.core.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.api.StackHttp;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Puts booty's ACL policies and tokens into the stack's Consul and Nomad once they elect a leader:
 * idempotent, so every {@code booty up} runs it and a purged stack gets them again. Consul takes
 * each token with the secret booty chose ({@link StackSecrets}); Nomad is bootstrapped with booty's
 * chosen management secret, and its operator token (for the UI behind the front door) is created
 * once and kept in {@code security/nomad-operator.token}; the runs' watchdog's likewise in {@code
 * security/nomad-watchdog.token}.
 */
public final class AclSetup {
  /** Consul agents: their own node, and reading services (what Consul's docs give agents). */
  static final String CONSUL_AGENT_RULES =
      """
      node_prefix "" { policy = "write" }
      service_prefix "" { policy = "read" }
      """;

  /** Nomad agents: register themselves and their jobs' services (Nomad's documented minimum). */
  static final String CONSUL_NOMAD_RULES =
      """
      agent_prefix "" { policy = "read" }
      node_prefix "" { policy = "write" }
      service_prefix "" { policy = "write" }
      """;

  /** Read the catalog: booty's DC agents, the DNS plugin, the Consul UI behind the password. */
  static final String CONSUL_READER_RULES =
      """
      agent_prefix "" { policy = "read" }
      node_prefix "" { policy = "read" }
      service_prefix "" { policy = "read" }
      key_prefix "" { policy = "deny" }
      """;

  /** The Nomad UI behind Caddy's password: run and stop jobs, see nodes; no ACL administration. */
  static final String NOMAD_OPERATOR_RULES =
      """
      namespace "*" { policy = "write" }
      node { policy = "read" }
      agent { policy = "read" }
      operator { policy = "read" }
      """;

  /**
   * The watchdog of a run ({@code booty chaos watchdog}, a Nomad job): it heals what a killed run
   * left, so it reads and runs jobs again, stops them, and signals their allocations; nothing else
   * (no other namespace, no ACLs, no operator or agent endpoints, no variables).
   */
  static final String NOMAD_WATCHDOG_RULES =
      """
      namespace "default" {
        capabilities = ["list-jobs", "read-job", "parse-job", "submit-job", "alloc-lifecycle",
                        "read-logs", "read-job-scaling", "scale-job"]
      }
      node { policy = "read" }
      """;

  private AclSetup() {}

  /**
   * Creates (or leaves as they are) Consul's policies and booty's tokens; an error says why not.
   */
  public static void consul(StackHttp http, String consulUrl, StackSecrets s) throws IOException {
    ensureConsulToken(http, consulUrl, "booty-agent", CONSUL_AGENT_RULES, s.consulAgent());
    ensureConsulToken(http, consulUrl, "booty-nomad", CONSUL_NOMAD_RULES, s.consulNomad());
    ensureConsulToken(http, consulUrl, "booty-reader", CONSUL_READER_RULES, s.consulReader());
  }

  private static void ensureConsulToken(
      StackHttp http, String url, String name, String rules, String secret) throws IOException {
    if (send(http, http.consul(url + "/v1/acl/policy/name/" + name).GET()).statusCode() != 200) {
      expectOk(
          send(
              http,
              http.consul(url + "/v1/acl/policy")
                  .PUT(json(Map.of("Name", name, "Description", "made by booty", "Rules", rules)))),
          "Consul policy " + name);
    }
    HttpResponse<String> self =
        send(
            http,
            HttpRequest.newBuilder(java.net.URI.create(url + "/v1/acl/token/self"))
                .header("X-Consul-Token", secret)
                .GET());
    if (self.statusCode() != 200) {
      expectOk(
          send(
              http,
              http.consul(url + "/v1/acl/token")
                  .PUT(
                      json(
                          Map.of(
                              "SecretID",
                              secret,
                              "Description",
                              "booty: " + name,
                              "Policies",
                              List.of(Map.of("Name", name)))))),
          "Consul token " + name);
    }
  }

  /**
   * Bootstraps Nomad's ACLs with booty's management secret (once; later calls find it done), and
   * makes the operator policy and token. Returns the operator token's secret.
   */
  public static String nomad(StackHttp http, String nomadUrl, StackSecrets s, Path operatorFile)
      throws IOException {
    HttpResponse<String> self = tokenSelf(http, nomadUrl, s.nomadManagement());
    if (self.statusCode() != 200) {
      HttpResponse<String> boot =
          send(
              http,
              HttpRequest.newBuilder(java.net.URI.create(nomadUrl + "/v1/acl/bootstrap"))
                  .POST(json(Map.of("BootstrapSecret", s.nomadManagement()))));
      if (boot.statusCode() != 200) {
        throw new IOException(
            "Nomad refused booty's ACL bootstrap (HTTP "
                + boot.statusCode()
                + ": "
                + boot.body().strip()
                + "); if its ACLs were bootstrapped with another token, reset them"
                + " (nomad acl bootstrap reset) or purge the stack (booty down --purge)");
      }
    }
    String operator =
        ensureNomadToken(
            http,
            nomadUrl,
            "booty-operator",
            "the Nomad UI behind booty's front door",
            NOMAD_OPERATOR_RULES,
            operatorFile);
    ensureNomadToken(
        http,
        nomadUrl,
        "booty-watchdog",
        "the watchdog of a scenario run: heals what a killed run left",
        NOMAD_WATCHDOG_RULES,
        watchdogTokenFile(operatorFile.getParent()));
    return operator;
  }

  /**
   * The watchdog's Nomad token in the credentials' folder ({@code security/nomad-watchdog.token}).
   */
  public static Path watchdogTokenFile(Path securityDir) {
    return securityDir.resolve("nomad-watchdog.token");
  }

  /**
   * A Nomad policy (written every time: its rules follow booty's) and a client token with it, made
   * once and kept in {@code file} while Nomad knows it. Returns the token's secret.
   */
  private static String ensureNomadToken(
      StackHttp http, String nomadUrl, String name, String description, String rules, Path file)
      throws IOException {
    expectOk(
        send(
            http,
            http.nomad(nomadUrl + "/v1/acl/policy/" + name)
                .POST(json(Map.of("Name", name, "Description", description, "Rules", rules)))),
        "Nomad policy " + name);
    if (Files.isRegularFile(file)) {
      String kept = Files.readString(file).strip();
      if (tokenSelf(http, nomadUrl, kept).statusCode() == 200) {
        return kept;
      }
    }
    HttpResponse<String> made =
        expectOk(
            send(
                http,
                http.nomad(nomadUrl + "/v1/acl/token")
                    .POST(json(Map.of("Name", name, "Type", "client", "Policies", List.of(name))))),
            "Nomad token " + name);
    JsonNode token = Json.MAPPER.readTree(made.body());
    String secret = token.path("SecretID").asText();
    FileTrees.writeAtomically(file, secret, true);
    return secret;
  }

  private static HttpResponse<String> tokenSelf(StackHttp http, String nomadUrl, String secret)
      throws IOException {
    return send(
        http,
        HttpRequest.newBuilder(java.net.URI.create(nomadUrl + "/v1/acl/token/self"))
            .header("X-Nomad-Token", secret)
            .GET());
  }

  private static HttpRequest.BodyPublisher json(Object body) throws IOException {
    return HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body));
  }

  private static HttpResponse<String> expectOk(HttpResponse<String> r, String what)
      throws IOException {
    if (r.statusCode() != 200) {
      throw new IOException(
          "cannot create " + what + ": HTTP " + r.statusCode() + " " + r.body().strip());
    }
    return r;
  }

  private static HttpResponse<String> send(StackHttp http, HttpRequest.Builder request)
      throws IOException {
    try {
      return http.client()
          .send(
              request.timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}

package dev.booty.core.backchannel.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.api.StackHttp;
import dev.booty.core.backchannel.protocol.Protocol;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The nats-servers of this node, as its data centre's Consul agent lists them ({@code GET
 * /v1/agent/services}: services whose meta has {@code nats_server}), and their monitoring
 * endpoints. Looked up again each telemetry round and before a command that needs them; when Consul
 * does not answer, the last list stays.
 */
public final class AgentServers {
  /** The monitoring port a service without {@code monitor_port} in its meta is probed on. */
  static final int DEFAULT_MONITOR_PORT = 8222;

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** One local nats-server: its name, the address it registered and its monitoring port. */
  public record Server(String name, String address, int monitorPort) {
    public String monitorUrl() {
      return "http://"
          + (address.contains(":") ? "[" + address + "]" : address)
          + ":"
          + monitorPort;
    }
  }

  private final URI consul;
  private final String consulToken;
  private final Consumer<String> log;
  private final HttpClient http;
  private volatile List<Server> current = List.of();
  private volatile String lastConsulError;

  /**
   * @param consul the DC's Consul agent ({@code http://127.77.1.1:8500}), or null to watch none
   */
  public AgentServers(URI consul, Consumer<String> log) {
    this(consul, Map.of(), log);
  }

  /**
   * @param env Consul's own variables for a secured agent: {@code CONSUL_CACERT} (the CA its HTTPS
   *     certificate is checked against) and {@code CONSUL_HTTP_TOKEN_FILE} or {@code
   *     CONSUL_HTTP_TOKEN} (a token that may read the agent's services)
   */
  public AgentServers(URI consul, Map<String, String> env, Consumer<String> log) {
    this.consul = consul;
    this.log = log;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
    String ca = set(env, "CONSUL_CACERT");
    if (ca != null) {
      b.sslContext(StackHttp.trusting(Path.of(ca)));
    }
    this.http = b.build();
    String token = set(env, "CONSUL_HTTP_TOKEN");
    String tokenFile = set(env, "CONSUL_HTTP_TOKEN_FILE");
    if (tokenFile != null) {
      try {
        token = Files.readString(Path.of(tokenFile)).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "CONSUL_HTTP_TOKEN_FILE " + tokenFile + ": cannot read it (" + e.getMessage() + ")");
      }
    }
    this.consulToken = token == null || token.isBlank() ? null : token;
  }

  /**
   * A variable's value; null when unset, blank, or a Nomad interpolation left as it was (a node
   * without that meta, e.g. of an unsecured stack, leaves {@code ${meta.NAME}} in place).
   */
  private static String set(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() || v.contains("${") ? null : v;
  }

  /** Asks Consul again; on failure logs once (per distinct reason) and keeps the last list. */
  public List<Server> refresh() {
    if (consul == null) {
      return current;
    }
    URI uri = consul.resolve("/v1/agent/services");
    try {
      List<Server> found = fromAgentServices(get(uri), consul.getHost());
      if (lastConsulError != null) {
        log.accept("Consul at " + consul + " answers again");
        lastConsulError = null;
      }
      current = found;
    } catch (IOException e) {
      String reason =
          "cannot list the nats-servers from Consul at " + uri + ": " + Protocol.reason(e);
      if (!reason.equals(lastConsulError)) {
        log.accept(reason + "; keeping the " + current.size() + " known");
        lastConsulError = reason;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return current;
  }

  /** The servers from the last look-up, by name. */
  public List<Server> current() {
    return current;
  }

  public Optional<Server> find(String name) {
    return current.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The JSON of {@code path} ({@code /varz}) on {@code server}'s monitoring port. */
  public JsonNode monitor(Server server, String path) throws IOException, InterruptedException {
    return get(URI.create(server.monitorUrl() + path));
  }

  /** Whether {@code server}'s {@code /healthz} answers 200. */
  public boolean healthy(Server server) {
    try {
      HttpResponse<Void> r =
          http.send(
              HttpRequest.newBuilder(URI.create(server.monitorUrl() + "/healthz"))
                  .timeout(TIMEOUT)
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The nats-servers among a Consul agent's services (the body of {@code /v1/agent/services}), by
   * name. A service without an address is taken to be on {@code agentHost}.
   */
  static List<Server> fromAgentServices(JsonNode services, String agentHost) {
    List<Server> out = new ArrayList<>();
    for (JsonNode s : services) {
      JsonNode meta = s.path("Meta");
      String name = meta.path("nats_server").asText("");
      if (name.isEmpty()) {
        continue;
      }
      String address = s.path("Address").asText("");
      int port = meta.path("monitor_port").asInt(DEFAULT_MONITOR_PORT);
      out.add(new Server(name, address.isEmpty() ? agentHost : address, port));
    }
    out.sort(Comparator.comparing(Server::name));
    return List.copyOf(out);
  }

  private JsonNode get(URI uri) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
    if (consulToken != null && uri.getPath().startsWith("/v1/")) {
      request.header("X-Consul-Token", consulToken);
    }
    HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IOException("HTTP " + r.statusCode() + " from " + uri);
    }
    return Json.MAPPER.readTree(r.body());
  }
}

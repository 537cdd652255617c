package dev.booty.core.deploy;

import dev.booty.api.StackHttp;
import dev.booty.api.StackSecurity;
import dev.booty.core.BootyException;
import dev.booty.core.security.StackCredentials;
import dev.booty.core.stack.PodmanService;
import dev.booty.core.stack.StackController;
import dev.booty.core.stack.StackNetwork;
import dev.booty.core.stack.StackState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The running stack's addresses. Inside core they are this record; plugins receive them as the map
 * of {@link dev.booty.api.PluginContext#endpoints()} ({@link #asMap()}), the one place their keys
 * are spelled.
 *
 * @param nomadHttp Nomad's HTTP API, a URL
 * @param nomadRpc Nomad's RPC, host:port
 * @param consulHttp Consul's HTTP API, a URL
 * @param consulSerfLan Consul's LAN gossip, host:port
 * @param natsUrl the control plane's NATS, a URL
 * @param natsWebsocketUrl the control plane's NATS over WebSocket ({@code ws://}), where browser
 *     test clients report
 * @param natsKeys the folder of the control plane's NATS keys and creds
 * @param metricsHttp VictoriaMetrics' HTTP API, a URL
 * @param dockerSocket Podman's Docker-compatible socket, null when the stack runs no Podman
 * @param security the control plane's credentials, null for a stack made before booty secured it
 */
public record StackEndpoints(
    String nomadHttp,
    String nomadRpc,
    String consulHttp,
    String consulSerfLan,
    String natsUrl,
    String natsWebsocketUrl,
    Path natsKeys,
    String metricsHttp,
    Path dockerSocket,
    StackSecurity security) {
  /** The Nomad datacenter and Consul datacenter of the stack's own agents. */
  public static final String STACK_DATACENTER = "booty";

  /** The endpoints of a stack that is up; a clear error otherwise. */
  public static StackEndpoints of(StackController stack) {
    StackState state =
        stack
            .state()
            .filter(s -> s.supervisorAlive() && s.phase().equals(StackState.UP))
            .orElseThrow(
                () -> BootyException.broken("the stack is not up; 'booty up' starts it first"));
    var p = stack.context().ports();
    // what agents and clients join: the advertised address when the stack has one (booty up
    // --advertise), so hosts elsewhere reach it; APIs stay on loopback, for booty itself
    StackNetwork net = stack.context().network();
    boolean podman = state.services().stream().anyMatch(s -> s.name().equals(PodmanService.NAME));
    Path socket = PodmanService.socket(stack.context());
    Optional<StackSecurity> security = StackCredentials.load(stack.context().home());
    return new StackEndpoints(
        StackCredentials.apiUrl(security, p.get("nomad.http")),
        net.hostPort(p, "nomad.rpc"),
        StackCredentials.apiUrl(security, p.get("consul.http")),
        net.hostPort(p, "consul.serf-lan"),
        stack.context().natsUrl(),
        "ws://127.0.0.1:" + p.get("nats.websocket"),
        stack.context().serviceDir("nats"),
        StackCredentials.victoriaMetrics(stack.context().home(), p.get("victoria-metrics.http"))
            .toString(),
        podman && Files.exists(socket) ? socket : null,
        security.orElse(null));
  }

  /** HTTP to Nomad and Consul with the stack's credentials. */
  public StackHttp http() {
    return StackHttp.of(Optional.ofNullable(security));
  }

  /** The stack's Nomad datacenter, where booty's own jobs (WAN, agents of data centres) run. */
  public String nomadDatacenter() {
    return STACK_DATACENTER;
  }

  /** The file of booty's own creds for the control plane. */
  public Path bootyCreds() {
    return natsKeys.resolve("creds").resolve("booty.creds");
  }

  /** As plugins see them ({@link dev.booty.api.PluginContext#endpoints()}). */
  public Map<String, String> asMap() {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("nomad.http", nomadHttp);
    e.put("nomad.rpc", nomadRpc);
    e.put("nomad.datacenter", STACK_DATACENTER);
    e.put("consul.http", consulHttp);
    e.put("consul.serf-lan", consulSerfLan);
    e.put("consul.datacenter", STACK_DATACENTER);
    e.put("nats.url", natsUrl);
    e.put("nats.websocket", natsWebsocketUrl);
    e.put("nats.keys", natsKeys.toString());
    e.put("metrics.http", metricsHttp);
    if (dockerSocket != null) {
      e.put("docker.socket", dockerSocket.toString());
    }
    return Map.copyOf(e);
  }
}

package dev.booty.core.deploy;

import dev.booty.core.BootyException;
import dev.booty.core.stack.PodmanService;
import dev.booty.core.stack.StackController;
import dev.booty.core.stack.StackState;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/** The running stack's addresses, as plugins see them ({@link dev.booty.api.PluginContext}). */
public final class StackEndpoints {
  /** The Nomad datacenter and Consul datacenter of the stack's own agents. */
  public static final String STACK_DATACENTER = "booty";

  private StackEndpoints() {}

  /** The endpoints of a stack that is up; a clear error otherwise. */
  public static Map<String, String> of(StackController stack) {
    StackState state =
        stack
            .state()
            .filter(s -> s.supervisorAlive() && s.phase().equals(StackState.UP))
            .orElseThrow(
                () -> BootyException.broken("the stack is not up; 'booty up' starts it first"));
    var p = stack.context().ports();
    Map<String, String> e = new LinkedHashMap<>();
    e.put("nomad.http", "http://127.0.0.1:" + p.get("nomad.http"));
    e.put("nomad.rpc", "127.0.0.1:" + p.get("nomad.rpc"));
    e.put("nomad.datacenter", STACK_DATACENTER);
    e.put("consul.http", "http://127.0.0.1:" + p.get("consul.http"));
    e.put("consul.serf-lan", "127.0.0.1:" + p.get("consul.serf-lan"));
    e.put("consul.datacenter", STACK_DATACENTER);
    e.put("nats.url", "nats://127.0.0.1:" + p.get("nats.client"));
    e.put("nats.keys", stack.context().serviceDir("nats").toString());
    e.put("metrics.http", "http://127.0.0.1:" + p.get("victoria-metrics.http"));
    boolean podman = state.services().stream().anyMatch(s -> s.name().equals(PodmanService.NAME));
    var socket = PodmanService.socket(stack.context());
    if (podman && Files.exists(socket)) {
      e.put("docker.socket", socket.toString());
    }
    return Map.copyOf(e);
  }
}

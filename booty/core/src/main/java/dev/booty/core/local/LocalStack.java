package dev.booty.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.api.StackHttp;
import dev.booty.api.StackSecurity;
import dev.booty.core.BootyException;
import dev.booty.core.backchannel.protocol.ProtocolConnections;
import dev.booty.core.consul.StackConsul;
import dev.booty.core.home.BootyHome;
import dev.booty.core.home.StackLayout;
import dev.booty.core.nomad.NomadApi;
import dev.booty.core.nomad.NomadHttp;
import dev.booty.core.security.StackCredentials;
import dev.booty.core.stack.StackNetwork;
import dev.booty.core.stack.StackPorts;
import dev.booty.core.stack.StackState;
import dev.booty.core.stack.VictoriaMetricsService;
import io.nats.client.Connection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The local stack of a booty home as booty's commands reach it: its Nomad, Consul, control-plane
 * NATS and VictoriaMetrics, found from the home's {@link StackLayout} (ports, state, creds).
 */
public final class LocalStack {
  private final BootyHome home;
  private final Map<String, String> env;

  public LocalStack(BootyHome home, Map<String, String> env) {
    this.home = home;
    this.env = env;
  }

  public StackLayout layout() {
    return home.stack();
  }

  /** The stack's state when its supervisor is alive. */
  public Optional<StackState> running() {
    return StackState.read(layout().state()).filter(StackState::supervisorAlive);
  }

  /**
   * Nomad at {@code address}, else {@code $NOMAD_ADDR}, else the stack's. booty's credentials go
   * only to the stack's own Nomad (its port on loopback), never to another address.
   */
  public NomadApi nomad(String address) {
    String addr = address != null ? address : env.get("NOMAD_ADDR");
    Optional<StackSecurity> security = StackCredentials.load(home);
    if (addr == null || addr.isBlank()) {
      addr = StackCredentials.apiUrl(security, port("nomad.http"));
    }
    int port = java.net.URI.create(addr).getPort();
    boolean stack =
        port == port("nomad.http")
            && List.of("127.0.0.1", "localhost").contains(java.net.URI.create(addr).getHost());
    if (stack && security.isPresent() && addr.startsWith("http://")) {
      addr = "https://" + addr.substring("http://".length());
    }
    return new NomadHttp(addr, StackHttp.of(stack ? security : Optional.empty()));
  }

  /** The stack's Consul; close it. */
  public StackConsul consul() {
    Optional<StackSecurity> security = StackCredentials.load(home);
    return new StackConsul(
        StackCredentials.apiUrl(security, port("consul.http")), StackHttp.of(security));
  }

  /**
   * The control-plane NATS at {@code url} with {@code creds} (none when null), else the stack's
   * with booty's creds (or {@code creds}); what the server refuses later goes to {@code warn}.
   */
  public Connection controlPlane(String url, Path creds, Consumer<String> warn) {
    if (url != null) {
      return ProtocolConnections.connect(url, creds, warn);
    }
    Path file = creds != null ? creds : layout().bootyCreds();
    if (!Files.isRegularFile(file)) {
      throw BootyException.failure(
          "no control-plane creds at "
              + file
              + ": 'booty up' creates them (or give --control-plane URL and --creds FILE)");
    }
    String stack =
        "nats://"
            + StackNetwork.load(layout().network())
                .hostPort(StackPorts.load(layout().ports(), Map.of()), "nats.client");
    return ProtocolConnections.connect(stack, file, warn);
  }

  /** The running stack's VictoriaMetrics, as its supervisor recorded it. */
  public URI victoriaMetrics() {
    StackState stack =
        running()
            .orElseThrow(
                () -> BootyException.failure("the stack is not running; 'booty up' starts it"));
    return stack.services().stream()
        .filter(s -> s.name().equals(VictoriaMetricsService.NAME) && s.address() != null)
        .map(s -> StackCredentials.victoriaMetrics(home, URI.create(s.address()).getPort()))
        .findFirst()
        .orElseThrow(
            () ->
                BootyException.failure(
                    "the running stack has no "
                        + VictoriaMetricsService.NAME
                        + "; 'booty down' then 'booty up' starts it"));
  }

  /** A Nomad job with its latest deployment, allocations and services as Consul sees them. */
  public record JobView(
      JsonNode job, JsonNode deployment, JsonNode allocations, List<Service> services) {}

  /** One instance of a service a job declares, as the stack's Consul sees it. */
  public record Service(String name, StackConsul.Instance instance) {}

  /**
   * Everything {@code booty job status} shows of {@code id}; fails when Nomad knows no such job.
   */
  public JobView job(NomadApi nomad, String id) {
    JsonNode job = nomad.job(id);
    if (job == null) {
      throw BootyException.failure(
          "Nomad knows no job '" + id + "' (booty job list shows the jobs)");
    }
    JsonNode deployment = nomad.latestDeployment(id);
    JsonNode allocs = nomad.allocations(id);
    Set<String> names = new TreeSet<>();
    for (JsonNode group : job.path("TaskGroups")) {
      group.path("Services").forEach(s -> names.add(s.path("Name").asText()));
      group
          .path("Tasks")
          .forEach(task -> task.path("Services").forEach(s -> names.add(s.path("Name").asText())));
    }
    List<Service> services = new ArrayList<>();
    if (!names.isEmpty()) {
      try (StackConsul consul = consul()) {
        for (String name : names) {
          consul.service(name).forEach(i -> services.add(new Service(name, i)));
        }
      }
    }
    return new JobView(job, deployment, allocs, services);
  }

  private int port(String name) {
    return StackPorts.load(layout().ports(), Map.of()).get(name);
  }
}

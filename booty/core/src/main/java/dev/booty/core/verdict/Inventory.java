package dev.booty.core.verdict;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.booty.core.BootyException;
import dev.booty.core.deploy.DeploymentState;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run knows of a deployed scenario, kept in {@code HOME/scenarios/NAME/inventory.json} so
 * the watchdog (another process) acts on the same servers: every server with its data centre, host
 * name, addresses and the agent's node; the round trips; the job of each data centre's servers and
 * clients.
 *
 * @param rttMs round trip by pair, {@code a->b} (both orders listed)
 * @param nomadDatacenters Nomad datacenter of each data centre
 * @param seenAs the addresses other data centres reach a server at (their ends of the WAN), by
 *     address: the server's name; what a client that resolved a DNS name connects to
 */
public record Inventory(
    @JsonProperty("scenario") String scenario,
    @JsonProperty("hosting") String hosting,
    @JsonProperty("datacenters") List<String> datacenters,
    @JsonProperty("nomadDatacenters") Map<String, String> nomadDatacenters,
    @JsonProperty("servers") List<Server> servers,
    @JsonProperty("rttMs") Map<String, Long> rttMs,
    @JsonProperty("clientPort") int clientPort,
    @JsonProperty("clientGroups") List<ClientJob> clientGroups,
    @JsonProperty("seenAs") Map<String, String> seenAs) {

  /**
   * A NATS server.
   *
   * @param job the Nomad job running it (one group per server, named after it)
   * @param node the booty agent's node that can signal it
   */
  public record Server(
      @JsonProperty("name") String name,
      @JsonProperty("dc") String dc,
      @JsonProperty("host") String host,
      @JsonProperty("address") String address,
      @JsonProperty("monitorUrl") String monitorUrl,
      @JsonProperty("job") String job,
      @JsonProperty("node") String node) {}

  /** A data centre's clients job: how many clients each allocation hosts. */
  public record ClientJob(
      @JsonProperty("dc") String dc,
      @JsonProperty("job") String job,
      @JsonProperty("perTask") int perTask) {}

  public Inventory {
    datacenters = List.copyOf(datacenters);
    servers = List.copyOf(servers);
    clientGroups = clientGroups == null ? List.of() : List.copyOf(clientGroups);
    rttMs = rttMs == null ? Map.of() : Map.copyOf(rttMs);
    seenAs = seenAs == null ? Map.of() : Map.copyOf(seenAs);
  }

  public static Path file(Path home, String scenario) {
    return DeploymentState.dir(home, scenario).resolve("inventory.json");
  }

  public static Inventory read(Path home, String scenario) {
    Path f = file(home, scenario);
    try {
      return Json.MAPPER.readValue(Files.readString(f), Inventory.class);
    } catch (IOException e) {
      throw BootyException.failure(
          "cannot read " + f + " (written when 'booty scenario run' starts): " + e.getMessage());
    }
  }

  public void write(Path home) {
    Path f = file(home, scenario);
    try {
      Files.createDirectories(f.getParent());
      FileTrees.writeAtomically(f, Json.MAPPER.writeValueAsString(this), false);
    } catch (IOException e) {
      throw BootyException.failure("cannot write " + f + ": " + e.getMessage());
    }
  }

  public Optional<Server> server(String name) {
    return servers.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The named server, or an error listing the known ones. */
  public Server require(String name) {
    return server(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no server '"
                        + name
                        + "' in scenario "
                        + scenario
                        + " (known: "
                        + String.join(", ", servers.stream().map(Server::name).toList())
                        + ")"));
  }

  public List<Server> in(String dc) {
    return servers.stream().filter(s -> s.dc().equals(dc)).toList();
  }

  public long rtt(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    return rttMs.getOrDefault(a + "->" + b, 0L);
  }

  /** The data centres in order of round trip from {@code dc}: itself first, ties in file order. */
  public List<String> byDistance(String dc) {
    List<String> out = new ArrayList<>(datacenters);
    out.sort(Comparator.comparingLong(d -> rtt(dc, d)));
    out.remove(dc);
    out.addFirst(dc);
    return out;
  }

  /**
   * The data centre of a server URL's host ({@code nats://dal-1.nats.booty:4222}); null if none.
   */
  public String dcOfUrl(String url) {
    if (url == null) {
      return null;
    }
    String host;
    try {
      host = URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
    return dcOfHost(host);
  }

  /**
   * The data centre of a server's host name or address, or an address another data centre reaches
   * it at; null if none.
   */
  public String dcOfHost(String host) {
    if (host == null) {
      return null;
    }
    String name = seenAs.get(host);
    for (Server s : servers) {
      if (host.equals(s.host()) || host.equals(s.address()) || s.name().equals(name)) {
        return s.dc();
      }
    }
    return null;
  }

  /** The client job of a data centre. */
  public Optional<ClientJob> clientJob(String dc) {
    return clientGroups.stream().filter(c -> c.dc().equals(dc)).findFirst();
  }
}

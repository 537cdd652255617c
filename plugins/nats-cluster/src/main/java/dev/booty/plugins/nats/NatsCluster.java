package dev.booty.plugins.nats;

import dev.booty.api.ClusterProvider;
import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.api.NomadJob;
import dev.booty.api.PluginContext;
import dev.booty.api.WanEmulation.Endpoint;
import dev.booty.plugins.nats.ServerLayout.Server;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pf4j.Extension;

/**
 * A NATS super-cluster: a cluster per data centre (named after it), gateways between all of them,
 * one Nomad job per data centre (jobs/nats-cluster.nomad.hcl) with a group per server.
 *
 * <p>Options ({@code cluster.options} plus the scenario's switches): {@code jetstream}, {@code
 * websocket}, {@code lameDuckDuration}, and the ports {@code clientPort}, {@code clusterPort},
 * {@code gatewayPort}, {@code monitorPort}, {@code websocketPort}. {@code tls=true}: every listener
 * but monitoring speaks TLS with a certificate per server from booty's CA ({@link
 * ServerCertificates}), which reaches the task as files in its secrets directory. {@code auth=jwt}
 * with {@code operatorJwt}, {@code systemAccount} and {@code accountJwts} (booty's deploy adds them
 * from the scenario's chain of trust): operator mode (see {@link NatsConfig}).
 */
@Extension
public final class NatsCluster implements ClusterProvider {
  static final String TEMPLATE = "/jobs/nats-cluster.nomad.hcl";
  static final List<String> DRIVERS = List.of("raw_exec", "docker");

  @Override
  public String id() {
    return "nats";
  }

  @Override
  public List<Endpoint> endpoints(ClusterSpec cluster, List<HostedDataCenter> dataCenters) {
    NatsConfig.Settings s = NatsConfig.Settings.of(cluster.options());
    return ServerLayout.of(dataCenters).servers().stream()
        .map(
            server ->
                new Endpoint(
                    server.hostName(),
                    server.dataCenter(),
                    server.address(),
                    // browser clients in other data centres reach the websocket listener over
                    // the WAN, as the JVM's reach the client port
                    s.websocket()
                        ? List.of(
                            s.gatewayPort(), s.clientPort(), s.monitorPort(), s.websocketPort())
                        : List.of(s.gatewayPort(), s.clientPort(), s.monitorPort()),
                    server.name()))
        .toList();
  }

  @Override
  public ClientAccess access(ClusterSpec cluster) {
    NatsConfig.Settings s = NatsConfig.Settings.of(cluster.options());
    // can a client connect and be served: js-server-only leaves out the JetStream meta group's
    // state, which every server reports unhealthy while a new meta leader is elected (a data
    // centre holding the leader dies): a DNS answer must not move away from healthy servers then
    return new ClientAccess(s.clientPort(), s.monitorPort(), "/healthz?js-server-only=true");
  }

  @Override
  public List<NomadJob> plan(
      ClusterSpec cluster,
      List<HostedDataCenter> dataCenters,
      Map<String, Map<String, String>> names,
      PluginContext ctx) {
    if (!DRIVERS.contains(cluster.driver())) {
      throw new IllegalArgumentException(
          "driver '" + cluster.driver() + "' is not one of " + String.join(", ", DRIVERS));
    }
    NatsConfig.Settings s = NatsConfig.Settings.of(cluster.options());
    ServerLayout layout = ServerLayout.of(dataCenters);
    Map<String, String> versions = versions(cluster.options().getOrDefault(VERSIONS, ""));
    List<String> dcNames = dataCenters.stream().map(HostedDataCenter::name).toList();
    String hcl = NomadJob.template(NatsCluster.class, TEMPLATE);
    List<NomadJob> jobs = new ArrayList<>();
    for (HostedDataCenter dc : dataCenters) {
      List<String> servers = new ArrayList<>();
      for (Server server : layout.in(dc.name())) {
        String config = NatsConfig.render(server, layout, dcNames, s);
        List<String> hosts = new ArrayList<>();
        // by name: the job's text must not follow the order the hosting plugin's map has
        new TreeMap<>(names.getOrDefault(dc.name(), Map.of()))
            .forEach((n, a) -> hosts.add(n + ":" + a));
        String version = versions.getOrDefault(server.name(), cluster.version());
        boolean raw = cluster.driver().equals("raw_exec");
        servers.add(
            ("{name = %s, address = %s, node = %s, config = %s, hosts = %s, binary = %s,"
                    + " image = %s, files = %s}")
                .formatted(
                    NomadJob.hclString(server.name()),
                    NomadJob.hclString(server.address()),
                    NomadJob.hclString(node(dc, server.address())),
                    NomadJob.hclString(config),
                    NomadJob.hclList(hosts),
                    NomadJob.hclString(raw ? binary(ctx, version) : ""),
                    NomadJob.hclString(raw ? "" : "localhost/booty/nats-server:" + version),
                    files(s.tls() ? ServerCertificates.of(ctx, server) : null)));
      }
      Map<String, String> vars = new LinkedHashMap<>();
      vars.put("driver", cluster.driver());
      vars.put("data_center", dc.nomadDatacenter());
      vars.put("service", ctx.scenario() + "-nats");
      vars.put("ports", "{client = %d, monitor = %d}".formatted(s.clientPort(), s.monitorPort()));
      vars.put("servers", "[" + String.join(",\n", servers) + "]");
      vars.put("kill_timeout", (s.lameDuckSeconds() + 15) + "s");
      jobs.add(new NomadJob(jobId(ctx, dc.name()), hcl, vars));
    }
    return jobs;
  }

  /**
   * The Nomad node a server must run on, when its data centre has several: the one whose host has
   * the server's address (attributes {@code hosts} and {@code nodes}, comma lists in the same
   * order, as ssh hosting gives them); empty when any node of the data centre will do (local
   * hosting: one node, which holds every address of the data centre).
   */
  static String node(HostedDataCenter dc, String address) {
    String hosts = dc.attributes().getOrDefault("hosts", "");
    String nodes = dc.attributes().getOrDefault("nodes", "");
    if (hosts.isBlank() || nodes.isBlank()) {
      return "";
    }
    List<String> h = List.of(hosts.split(","));
    List<String> n = List.of(nodes.split(","));
    int i = h.indexOf(address);
    return i >= 0 && i < n.size() && n.size() > 1 ? n.get(i).strip() : "";
  }

  /**
   * The files a server's task gets in its secrets directory, as an HCL list of {@code {name,
   * data}}: its TLS files, or none.
   */
  private static String files(ServerCertificates.Pem pem) {
    if (pem == null) {
      return "[]";
    }
    List<String> out = new ArrayList<>();
    Map<String, String> files = new LinkedHashMap<>();
    files.put(NatsConfig.TlsFiles.CA, pem.ca());
    files.put(NatsConfig.TlsFiles.CERTIFICATE, pem.certificate());
    files.put(NatsConfig.TlsFiles.KEY, pem.key());
    files.forEach(
        (name, data) ->
            out.add(
                "{name = %s, data = %s}"
                    .formatted(NomadJob.hclString(name), NomadJob.hclString(data))));
    return "[" + String.join(", ", out) + "]";
  }

  /**
   * The cluster option naming servers that run another version than the cluster's: {@code
   * lon-1=2.11.17,dal-1=2.11.17} (a rolling upgrade sets it one server at a time).
   */
  public static final String VERSIONS = "versions";

  static Map<String, String> versions(String option) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : option.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new IllegalArgumentException(
            "cluster option versions: '" + pair.strip() + "' is not SERVER=VERSION");
      }
      out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
    }
    return out;
  }

  static String jobId(PluginContext ctx, String dc) {
    return ctx.scenario() + "-nats-" + dc;
  }

  /**
   * The binary as the server's node finds it: under the node's booty home ({@code
   * ${meta.booty_home}}, which hosting plugins set: this machine's home for local data centres, the
   * install root on an ssh host, both with the home's {@code components/} layout).
   */
  private static String binary(PluginContext ctx, String version) {
    Path local = localBinary(ctx, version);
    return local.startsWith(ctx.home())
        ? "${meta.booty_home}/" + ctx.home().relativize(local)
        : local.toString();
  }

  private static Path localBinary(PluginContext ctx, String version) {
    return ctx.binary("nats-server", version)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "nats-server@"
                        + version
                        + " is not installed; run 'booty install nats-server@"
                        + version
                        + "'"));
  }
}

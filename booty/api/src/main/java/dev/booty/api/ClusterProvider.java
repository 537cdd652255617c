package dev.booty.api;

import java.util.List;
import java.util.Map;

/**
 * Turns a cluster description into Nomad jobs across the hosted data centres: the {@code nats}
 * plugin renders nats-server configs with routes, gateways, JetStream placement and lame-duck
 * settings. Planning is pure: booty submits the jobs.
 */
public interface ClusterProvider extends BootyExtension {

  /** The endpoints other data centres reach (gateways, client ports), by host name. */
  List<WanEmulation.Endpoint> endpoints(
      ClusterSpec cluster, List<HostingProvider.HostedDataCenter> dataCenters);

  /**
   * The jobs that make up the cluster, in submission order.
   *
   * @param names for each data centre, what each endpoint host name resolves to there
   */
  List<NomadJob> plan(
      ClusterSpec cluster,
      List<HostingProvider.HostedDataCenter> dataCenters,
      Map<String, Map<String, String>> names,
      PluginContext context);

  /**
   * A cluster as a scenario declares it.
   *
   * @param name the scenario's name, prefixing job ids
   * @param version e.g. the nats-server version
   * @param driver {@code raw_exec} or {@code docker}
   * @param options plugin-specific settings (jetstream, replicas, websocket, ...)
   */
  /**
   * How clients reach a server and how its health shows, for a DNS plugin's answers and checks;
   * null when the cluster cannot say (no DNS plugin can then serve it).
   */
  default ClientAccess access(ClusterSpec cluster) {
    return null;
  }

  /**
   * @param clientPort the port clients connect to
   * @param healthPort the port whose {@code healthPath} answers 200 while a server is healthy
   */
  record ClientAccess(int clientPort, int healthPort, String healthPath) {}

  record ClusterSpec(String name, String version, String driver, Map<String, String> options) {}
}

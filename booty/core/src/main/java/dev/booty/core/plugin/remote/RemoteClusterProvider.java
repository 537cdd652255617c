package dev.booty.core.plugin.remote;

import dev.booty.api.ClusterProvider;
import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.api.NomadJob;
import dev.booty.api.PluginContext;
import dev.booty.api.WanEmulation;
import dev.booty.plugin.grpc.v1.ClusterCall;
import dev.booty.plugin.grpc.v1.ClusterProviderGrpc;
import dev.booty.plugin.protocol.ClusterCodec;
import dev.booty.plugin.protocol.CommonCodec;
import dev.booty.plugin.protocol.HostingCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A cluster provider served by an executable plugin. Its calls are planning, so each has a deadline
 * of 30 s; a refusal in the plugin arrives with its kind and text.
 */
public final class RemoteClusterProvider extends RemoteProxy implements ClusterProvider {
  static final Duration PLAN = Duration.ofSeconds(30);

  public RemoteClusterProvider(ExecPlugin plugin, String id) {
    super(plugin, id, "ClusterProvider");
  }

  @Override
  public List<WanEmulation.Endpoint> endpoints(
      ClusterSpec cluster, List<HostedDataCenter> dataCenters) {
    return plugin.call(
        what("Endpoints"),
        PLAN,
        null,
        null,
        (channel, ctx) ->
            ClusterProviderGrpc.newBlockingStub(channel)
                .endpoints(call(ctx, cluster, dataCenters).build())
                .getEndpointsList()
                .stream()
                .map(HostingCodec::fromMessage)
                .toList());
  }

  @Override
  public List<NomadJob> plan(
      ClusterSpec cluster,
      List<HostedDataCenter> dataCenters,
      Map<String, Map<String, String>> names,
      PluginContext context) {
    return plugin.call(
        what("Plan"),
        PLAN,
        context,
        null,
        (channel, ctx) ->
            ClusterProviderGrpc.newBlockingStub(channel)
                .plan(
                    call(ctx, cluster, dataCenters)
                        .putAllNames(HostingCodec.nameMaps(names))
                        .build())
                .getJobsList()
                .stream()
                .map(CommonCodec::fromMessage)
                .toList());
  }

  @Override
  public ClientAccess access(ClusterSpec cluster) {
    return plugin.call(
        what("Access"),
        PLAN,
        null,
        null,
        (channel, ctx) ->
            ClusterCodec.fromMessage(
                ClusterProviderGrpc.newBlockingStub(channel)
                    .access(call(ctx, cluster, List.of()).build())));
  }

  private ClusterCall.Builder call(
      dev.booty.plugin.grpc.v1.Context ctx,
      ClusterSpec cluster,
      List<HostedDataCenter> dataCenters) {
    ClusterCall.Builder out =
        ClusterCall.newBuilder()
            .setExtensionId(id)
            .setContext(ctx)
            .setCluster(ClusterCodec.toMessage(cluster));
    dataCenters.forEach(dc -> out.addDataCenters(HostingCodec.toMessage(dc)));
    return out;
  }

  @Override
  public String toString() {
    return "ClusterProvider '" + id + "' of plugin " + plugin.id();
  }
}

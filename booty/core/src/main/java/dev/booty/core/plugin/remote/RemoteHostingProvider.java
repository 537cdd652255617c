package dev.booty.core.plugin.remote;

import dev.booty.api.ChaosContext;
import dev.booty.api.DnsResolvers;
import dev.booty.api.HostingPreview;
import dev.booty.api.HostingProvider;
import dev.booty.api.PluginContext;
import dev.booty.api.WanEmulation;
import dev.booty.plugin.grpc.v1.DataCenterCall;
import dev.booty.plugin.grpc.v1.HostingProviderGrpc;
import dev.booty.plugin.grpc.v1.NamesCall;
import dev.booty.plugin.grpc.v1.ResolversCall;
import dev.booty.plugin.grpc.v1.WanCall;
import dev.booty.plugin.protocol.ChaosCodec;
import dev.booty.plugin.protocol.HostingCodec;
import java.util.List;
import java.util.Map;

/**
 * A hosting provider served by an executable plugin, with every call of its abilities ({@link
 * HostingPreview}, {@link WanEmulation}, {@link DnsResolvers}); {@link RemoteExtensions} shows
 * booty only the abilities the plugin declares. The planning calls ({@code preview}, {@code names})
 * have a deadline of 30 s, the calls that act the plugin's call timeout.
 */
final class RemoteHostingProvider extends RemoteProxy
    implements HostingProvider, HostingPreview, WanEmulation, DnsResolvers {

  RemoteHostingProvider(ExecPlugin plugin, String id) {
    super(plugin, id, "HostingProvider");
  }

  @Override
  public HostedDataCenter provision(DataCenterSpec dataCenter, PluginContext context) {
    return plugin.call(
        what("Provision"),
        plugin.callTimeout(),
        context,
        null,
        (channel, ctx) ->
            HostingCodec.fromMessage(
                HostingProviderGrpc.newBlockingStub(channel)
                    .provision(
                        dataCenter(ctx).setSpec(HostingCodec.toMessage(dataCenter)).build())));
  }

  @Override
  public void release(String dataCenter, PluginContext context) {
    plugin.call(
        what("Release"),
        plugin.callTimeout(),
        context,
        null,
        (channel, ctx) ->
            HostingProviderGrpc.newBlockingStub(channel)
                .release(dataCenter(ctx).setName(dataCenter).build()));
  }

  @Override
  public HostedDataCenter preview(DataCenterSpec dataCenter, PluginContext context) {
    return plugin.call(
        what("Preview"),
        RemoteClusterProvider.PLAN,
        context,
        null,
        (channel, ctx) ->
            HostingCodec.fromMessage(
                HostingProviderGrpc.newBlockingStub(channel)
                    .preview(dataCenter(ctx).setSpec(HostingCodec.toMessage(dataCenter)).build())));
  }

  @Override
  public Map<String, Map<String, String>> names(
      List<DataCenterSpec> dataCenters, List<Endpoint> endpoints, List<Link> links) {
    return plugin.call(
        what("Names"),
        RemoteClusterProvider.PLAN,
        null,
        null,
        (channel, ctx) -> {
          NamesCall.Builder call = NamesCall.newBuilder().setExtensionId(id);
          dataCenters.forEach(dc -> call.addDataCenters(HostingCodec.toMessage(dc)));
          endpoints.forEach(e -> call.addEndpoints(HostingCodec.toMessage(e)));
          links.forEach(l -> call.addLinks(HostingCodec.toMessage(l)));
          return HostingCodec.fromMessage(
              HostingProviderGrpc.newBlockingStub(channel).names(call.build()));
        });
  }

  @Override
  public Map<String, Map<String, String>> connect(
      List<Endpoint> endpoints, List<Link> links, PluginContext context) {
    return plugin.call(
        what("Connect"),
        plugin.callTimeout(),
        context,
        null,
        (channel, ctx) -> {
          WanCall.Builder call = wan(ctx);
          endpoints.forEach(e -> call.addEndpoints(HostingCodec.toMessage(e)));
          links.forEach(l -> call.addLinks(HostingCodec.toMessage(l)));
          return HostingCodec.fromMessage(
              HostingProviderGrpc.newBlockingStub(channel).connect(call.build()));
        });
  }

  @Override
  public void path(String a, String b, ChaosContext.Path state, PluginContext context) {
    plugin.call(
        what("Path"),
        plugin.callTimeout(),
        context,
        null,
        (channel, ctx) ->
            HostingProviderGrpc.newBlockingStub(channel)
                .path(wan(ctx).setA(a).setB(b).setState(ChaosCodec.toMessage(state)).build()));
  }

  @Override
  public void disconnect(PluginContext context) {
    plugin.call(
        what("Disconnect"),
        plugin.callTimeout(),
        context,
        null,
        (channel, ctx) ->
            HostingProviderGrpc.newBlockingStub(channel).disconnect(wan(ctx).build()));
  }

  @Override
  public void resolvers(Map<String, List<String>> byDataCenter, PluginContext context) {
    plugin.call(
        what("Resolvers"),
        plugin.callTimeout(),
        context,
        null,
        (channel, ctx) ->
            HostingProviderGrpc.newBlockingStub(channel)
                .resolvers(
                    ResolversCall.newBuilder()
                        .setExtensionId(id)
                        .setContext(ctx)
                        .putAllByDataCenter(
                            HostingCodec.addresses(byDataCenter).getByDataCenterMap())
                        .build()));
  }

  private DataCenterCall.Builder dataCenter(dev.booty.plugin.grpc.v1.Context ctx) {
    return DataCenterCall.newBuilder().setExtensionId(id).setContext(ctx);
  }

  private WanCall.Builder wan(dev.booty.plugin.grpc.v1.Context ctx) {
    return WanCall.newBuilder().setExtensionId(id).setContext(ctx);
  }

  @Override
  public String toString() {
    return "HostingProvider '" + id + "' of plugin " + plugin.id();
  }
}

package dev.booty.core.plugin.remote;

import dev.booty.api.DnsChaos;
import dev.booty.api.DnsProvider;
import dev.booty.api.PluginContext;
import dev.booty.plugin.grpc.v1.DnsCall;
import dev.booty.plugin.grpc.v1.DnsProviderGrpc;
import dev.booty.plugin.protocol.DnsCodec;
import dev.booty.plugin.protocol.HostingCodec;
import java.util.List;
import java.util.Map;

/**
 * A DNS provider served by an executable plugin, with every call of its ability {@link DnsChaos}
 * ({@code dns-chaos}); {@link RemoteExtensions} shows booty only the abilities the plugin declares.
 * {@code plan} has a deadline of 30 s, the calls that act the plugin's call timeout.
 */
final class RemoteDnsProvider extends RemoteProxy implements DnsProvider, DnsChaos {

  RemoteDnsProvider(ExecPlugin plugin, String id) {
    super(plugin, id, "DnsProvider");
  }

  @Override
  public DnsPlan plan(DnsZone zone, PluginContext context) {
    return plugin.call(
        what("Plan"),
        RemoteClusterProvider.PLAN,
        context,
        null,
        (channel, ctx) ->
            DnsCodec.fromMessage(
                DnsProviderGrpc.newBlockingStub(channel)
                    .plan(call(ctx).setZone(DnsCodec.toMessage(zone)).build())));
  }

  @Override
  public Map<String, List<String>> publish(DnsPlan plan, PluginContext context) {
    return plugin.call(
        what("Publish"),
        plugin.callTimeout(),
        context,
        null,
        (channel, ctx) ->
            HostingCodec.addressLists(
                DnsProviderGrpc.newBlockingStub(channel)
                    .publish(call(ctx).setPlan(DnsCodec.toMessage(plan)).build())
                    .getByDataCenterMap()));
  }

  @Override
  public void withdraw(String zone, PluginContext context) {
    plugin.call(
        what("Withdraw"),
        plugin.callTimeout(),
        context,
        null,
        (channel, ctx) ->
            DnsProviderGrpc.newBlockingStub(channel).withdraw(call(ctx).setZoneName(zone).build()));
  }

  @Override
  public void dns(String zone, String dataCenter, State state, PluginContext context) {
    plugin.call(
        what("SetState"),
        plugin.callTimeout(),
        context,
        null,
        (channel, ctx) ->
            DnsProviderGrpc.newBlockingStub(channel)
                .setState(
                    call(ctx)
                        .setZoneName(zone)
                        .setDataCenter(dataCenter)
                        .setState(DnsCodec.toMessage(state))
                        .build()));
  }

  private DnsCall.Builder call(dev.booty.plugin.grpc.v1.Context ctx) {
    return DnsCall.newBuilder().setExtensionId(id).setContext(ctx);
  }

  @Override
  public String toString() {
    return "DnsProvider '" + id + "' of plugin " + plugin.id();
  }
}

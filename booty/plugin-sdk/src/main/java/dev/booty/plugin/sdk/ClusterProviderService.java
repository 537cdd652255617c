package dev.booty.plugin.sdk;

import dev.booty.api.ClusterProvider;
import dev.booty.api.HostingProvider;
import dev.booty.plugin.grpc.v1.ClientAccess;
import dev.booty.plugin.grpc.v1.ClusterCall;
import dev.booty.plugin.grpc.v1.ClusterProviderGrpc;
import dev.booty.plugin.grpc.v1.EndpointList;
import dev.booty.plugin.grpc.v1.Jobs;
import dev.booty.plugin.protocol.ClusterCodec;
import dev.booty.plugin.protocol.CommonCodec;
import dev.booty.plugin.protocol.HostingCodec;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.util.List;

/**
 * Serves a plugin's {@link ClusterProvider}s over gRPC: each call finds its provider by id, hands
 * it a {@link HostContext} built from the call, and answers its result or its exception.
 */
final class ClusterProviderService extends ClusterProviderGrpc.ClusterProviderImplBase {
  private final List<ClusterProvider> providers;
  private final Channel host;

  ClusterProviderService(List<ClusterProvider> providers, Channel host) {
    this.providers = List.copyOf(providers);
    this.host = host;
  }

  @Override
  public void endpoints(ClusterCall call, StreamObserver<EndpointList> answer) {
    Calls.run(
        answer,
        () -> {
          EndpointList.Builder out = EndpointList.newBuilder();
          provider(call)
              .endpoints(ClusterCodec.fromMessage(call.getCluster()), dataCenters(call))
              .forEach(e -> out.addEndpoints(HostingCodec.toMessage(e)));
          return out.build();
        });
  }

  @Override
  public void plan(ClusterCall call, StreamObserver<Jobs> answer) {
    Calls.run(
        answer,
        () -> {
          Jobs.Builder out = Jobs.newBuilder();
          provider(call)
              .plan(
                  ClusterCodec.fromMessage(call.getCluster()),
                  dataCenters(call),
                  HostingCodec.fromMessage(call.getNamesMap()),
                  new HostContext(call.getContext(), host))
              .forEach(j -> out.addJobs(CommonCodec.toMessage(j)));
          return out.build();
        });
  }

  @Override
  public void access(ClusterCall call, StreamObserver<ClientAccess> answer) {
    Calls.run(
        answer,
        () ->
            ClusterCodec.toMessage(
                provider(call).access(ClusterCodec.fromMessage(call.getCluster()))));
  }

  private static List<HostingProvider.HostedDataCenter> dataCenters(ClusterCall call) {
    return call.getDataCentersList().stream().map(HostingCodec::fromMessage).toList();
  }

  private ClusterProvider provider(ClusterCall call) {
    return Calls.find(providers, call.getExtensionId(), "cluster provider");
  }
}

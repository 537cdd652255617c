package dev.booty.plugin.sdk;

import com.google.protobuf.Empty;
import dev.booty.api.DnsResolvers;
import dev.booty.api.HostingPreview;
import dev.booty.api.HostingProvider;
import dev.booty.api.WanEmulation;
import dev.booty.plugin.grpc.v1.DataCenterCall;
import dev.booty.plugin.grpc.v1.HostedDataCenter;
import dev.booty.plugin.grpc.v1.HostingProviderGrpc;
import dev.booty.plugin.grpc.v1.NamesByDataCenter;
import dev.booty.plugin.grpc.v1.NamesCall;
import dev.booty.plugin.grpc.v1.ResolversCall;
import dev.booty.plugin.grpc.v1.WanCall;
import dev.booty.plugin.protocol.ChaosCodec;
import dev.booty.plugin.protocol.HostingCodec;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.util.List;

/**
 * Serves a plugin's {@link HostingProvider}s over gRPC, with the calls of their abilities ({@link
 * HostingPreview} {@code preview}, {@link WanEmulation} {@code wan}, {@link DnsResolvers} {@code
 * resolvers}); an ability's call to a provider without it answers UNIMPLEMENTED.
 */
final class HostingProviderService extends HostingProviderGrpc.HostingProviderImplBase {
  static final String KIND = "hosting provider";
  private final List<HostingProvider> providers;
  private final Channel host;

  HostingProviderService(List<HostingProvider> providers, Channel host) {
    this.providers = List.copyOf(providers);
    this.host = host;
  }

  @Override
  public void provision(DataCenterCall call, StreamObserver<HostedDataCenter> answer) {
    Calls.run(
        answer,
        () ->
            HostingCodec.toMessage(
                provider(call.getExtensionId())
                    .provision(
                        HostingCodec.fromMessage(call.getSpec()),
                        new HostContext(call.getContext(), host))));
  }

  @Override
  public void release(DataCenterCall call, StreamObserver<Empty> answer) {
    Calls.run(
        answer,
        () -> {
          provider(call.getExtensionId())
              .release(call.getName(), new HostContext(call.getContext(), host));
          return Empty.getDefaultInstance();
        });
  }

  @Override
  public void preview(DataCenterCall call, StreamObserver<HostedDataCenter> answer) {
    Calls.run(
        answer,
        () ->
            HostingCodec.toMessage(
                preview(call.getExtensionId())
                    .preview(
                        HostingCodec.fromMessage(call.getSpec()),
                        new HostContext(call.getContext(), host))));
  }

  @Override
  public void names(NamesCall call, StreamObserver<NamesByDataCenter> answer) {
    Calls.run(
        answer,
        () ->
            HostingCodec.toMessage(
                preview(call.getExtensionId())
                    .names(
                        call.getDataCentersList().stream().map(HostingCodec::fromMessage).toList(),
                        call.getEndpointsList().stream().map(HostingCodec::fromMessage).toList(),
                        call.getLinksList().stream().map(HostingCodec::fromMessage).toList())));
  }

  @Override
  public void connect(WanCall call, StreamObserver<NamesByDataCenter> answer) {
    Calls.run(
        answer,
        () ->
            HostingCodec.toMessage(
                wan(call)
                    .connect(
                        call.getEndpointsList().stream().map(HostingCodec::fromMessage).toList(),
                        call.getLinksList().stream().map(HostingCodec::fromMessage).toList(),
                        new HostContext(call.getContext(), host))));
  }

  @Override
  public void path(WanCall call, StreamObserver<Empty> answer) {
    Calls.run(
        answer,
        () -> {
          wan(call)
              .path(
                  call.getA(),
                  call.getB(),
                  ChaosCodec.fromMessage(call.getState()),
                  new HostContext(call.getContext(), host));
          return Empty.getDefaultInstance();
        });
  }

  @Override
  public void disconnect(WanCall call, StreamObserver<Empty> answer) {
    Calls.run(
        answer,
        () -> {
          wan(call).disconnect(new HostContext(call.getContext(), host));
          return Empty.getDefaultInstance();
        });
  }

  @Override
  public void resolvers(ResolversCall call, StreamObserver<Empty> answer) {
    Calls.run(
        answer,
        () -> {
          Calls.ability(provider(call.getExtensionId()), DnsResolvers.class, KIND, "resolvers")
              .resolvers(
                  HostingCodec.addressLists(call.getByDataCenterMap()),
                  new HostContext(call.getContext(), host));
          return Empty.getDefaultInstance();
        });
  }

  private HostingPreview preview(String id) {
    return Calls.ability(provider(id), HostingPreview.class, KIND, "preview");
  }

  private WanEmulation wan(WanCall call) {
    return Calls.ability(provider(call.getExtensionId()), WanEmulation.class, KIND, "wan");
  }

  private HostingProvider provider(String id) {
    return Calls.find(providers, id, KIND);
  }
}

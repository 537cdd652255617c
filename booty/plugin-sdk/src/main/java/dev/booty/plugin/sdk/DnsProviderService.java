package dev.booty.plugin.sdk;

import com.google.protobuf.Empty;
import dev.booty.api.DnsChaos;
import dev.booty.api.DnsProvider;
import dev.booty.plugin.grpc.v1.AddressesByDataCenter;
import dev.booty.plugin.grpc.v1.DnsCall;
import dev.booty.plugin.grpc.v1.DnsPlan;
import dev.booty.plugin.grpc.v1.DnsProviderGrpc;
import dev.booty.plugin.protocol.DnsCodec;
import dev.booty.plugin.protocol.HostingCodec;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.util.List;

/**
 * Serves a plugin's {@link DnsProvider}s over gRPC, and {@code SetState} for those that offer
 * {@link DnsChaos} (UNIMPLEMENTED for the others).
 */
final class DnsProviderService extends DnsProviderGrpc.DnsProviderImplBase {
  static final String KIND = "DNS provider";
  private final List<DnsProvider> providers;
  private final Channel host;

  DnsProviderService(List<DnsProvider> providers, Channel host) {
    this.providers = List.copyOf(providers);
    this.host = host;
  }

  @Override
  public void plan(DnsCall call, StreamObserver<DnsPlan> answer) {
    Calls.run(
        answer,
        () ->
            DnsCodec.toMessage(
                provider(call).plan(DnsCodec.fromMessage(call.getZone()), context(call))));
  }

  @Override
  public void publish(DnsCall call, StreamObserver<AddressesByDataCenter> answer) {
    Calls.run(
        answer,
        () ->
            HostingCodec.addresses(
                provider(call).publish(DnsCodec.fromMessage(call.getPlan()), context(call))));
  }

  @Override
  public void withdraw(DnsCall call, StreamObserver<Empty> answer) {
    Calls.run(
        answer,
        () -> {
          provider(call).withdraw(call.getZoneName(), context(call));
          return Empty.getDefaultInstance();
        });
  }

  @Override
  public void setState(DnsCall call, StreamObserver<Empty> answer) {
    Calls.run(
        answer,
        () -> {
          Calls.ability(provider(call), DnsChaos.class, KIND, "dns-chaos")
              .dns(
                  call.getZoneName(),
                  call.getDataCenter(),
                  DnsCodec.fromMessage(call.getState()),
                  context(call));
          return Empty.getDefaultInstance();
        });
  }

  private HostContext context(DnsCall call) {
    return new HostContext(call.getContext(), host);
  }

  private DnsProvider provider(DnsCall call) {
    return Calls.find(providers, call.getExtensionId(), KIND);
  }
}

package dev.booty.plugin.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.api.ChaosContext;
import dev.booty.api.HostingProvider;
import dev.booty.api.PluginContext;
import dev.booty.api.WanEmulation;
import dev.booty.plugin.grpc.v1.DataCenterCall;
import dev.booty.plugin.grpc.v1.DataCenterSpec;
import dev.booty.plugin.grpc.v1.Extension;
import dev.booty.plugin.grpc.v1.ResolversCall;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The SDK's extension services called in process: descriptions, lookups and missing abilities. */
class ExtensionServicesTest {

  /** A hosting with the WAN ability only. */
  static final class Wan implements HostingProvider, WanEmulation {
    @Override
    public String id() {
      return "wan-only";
    }

    @Override
    public HostedDataCenter provision(HostingProvider.DataCenterSpec dc, PluginContext context) {
      return new HostedDataCenter(dc.name(), "n-" + dc.name(), List.of(), Map.of());
    }

    @Override
    public void release(String dataCenter, PluginContext context) {}

    @Override
    public Map<String, Map<String, String>> connect(
        List<Endpoint> endpoints, List<Link> links, PluginContext context) {
      return Map.of();
    }

    @Override
    public void path(String a, String b, ChaosContext.Path state, PluginContext context) {}

    @Override
    public void disconnect(PluginContext context) {}
  }

  @Test
  void describeNamesThePointAndTheAbilitiesAnExtensionImplements() {
    assertThat(PluginServer.described(new Wan()))
        .containsExactly(
            Extension.newBuilder()
                .setPoint("hosting")
                .setId("wan-only")
                .addAbilities("wan")
                .build());
  }

  /** Collects one answer. */
  static final class Answer<T> implements StreamObserver<T> {
    final AtomicReference<T> value = new AtomicReference<>();
    final AtomicReference<Throwable> error = new AtomicReference<>();

    @Override
    public void onNext(T v) {
      value.set(v);
    }

    @Override
    public void onError(Throwable t) {
      error.set(t);
    }

    @Override
    public void onCompleted() {}

    Status status() {
      return ((StatusRuntimeException) error.get()).getStatus();
    }
  }

  @Test
  void callsFindTheirProviderAndRefuseAMissingAbilityOrId() {
    // a channel to nowhere: these calls make no Host call, and a channel connects only when used
    ManagedChannel nowhere = NettyChannelBuilder.forAddress("127.0.0.1", 1).usePlaintext().build();
    var service = new HostingProviderService(List.of(new Wan()), nowhere);

    var provisioned = new Answer<dev.booty.plugin.grpc.v1.HostedDataCenter>();
    service.provision(
        DataCenterCall.newBuilder()
            .setExtensionId("wan-only")
            .setSpec(DataCenterSpec.newBuilder().setName("london"))
            .build(),
        provisioned);
    assertThat(provisioned.value.get().getNomadDatacenter()).isEqualTo("n-london");

    var resolvers = new Answer<com.google.protobuf.Empty>();
    service.resolvers(ResolversCall.newBuilder().setExtensionId("wan-only").build(), resolvers);
    assertThat(resolvers.status().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    assertThat(resolvers.status().getDescription())
        .isEqualTo(
            "hosting provider 'wan-only' does not offer the ability 'resolvers' (DnsResolvers)");

    var unknown = new Answer<dev.booty.plugin.grpc.v1.HostedDataCenter>();
    service.preview(DataCenterCall.newBuilder().setExtensionId("fly").build(), unknown);
    assertThat(unknown.status().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(unknown.status().getDescription())
        .isEqualTo("this plugin has no hosting provider 'fly'; it has: wan-only");
    nowhere.shutdownNow();
  }
}

package dev.booty.plugin.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.api.ClusterProvider;
import dev.booty.plugin.grpc.v1.ClientAccess;
import dev.booty.plugin.grpc.v1.ClusterSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterCodecTest {

  @Test
  void clusterSpecRoundTripsAcrossBytes() throws Exception {
    var spec =
        new ClusterProvider.ClusterSpec(
            "london-3dc", "2.11.17", "raw_exec", Map.of("jetstream", "true", "replicas", "3"));
    var parsed = ClusterSpec.parseFrom(ClusterCodec.toMessage(spec).toByteArray());
    assertThat(ClusterCodec.fromMessage(parsed)).isEqualTo(spec);
  }

  @Test
  void accessRoundTripsAndNoAccessIsClientPortZero() throws Exception {
    var access = new ClusterProvider.ClientAccess(4222, 8222, "/healthz?js-enabled-only=true");
    var parsed = ClientAccess.parseFrom(ClusterCodec.toMessage(access).toByteArray());
    assertThat(ClusterCodec.fromMessage(parsed)).isEqualTo(access);

    assertThat(ClusterCodec.toMessage((ClusterProvider.ClientAccess) null).getClientPort())
        .isZero();
    assertThat(
            ClusterCodec.fromMessage(ClusterCodec.toMessage((ClusterProvider.ClientAccess) null)))
        .isNull();
  }
}

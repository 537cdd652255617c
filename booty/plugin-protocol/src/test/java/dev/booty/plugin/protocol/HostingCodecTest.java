package dev.booty.plugin.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.api.HostingProvider;
import dev.booty.api.WanEmulation;
import dev.booty.plugin.grpc.v1.AddressesByDataCenter;
import dev.booty.plugin.grpc.v1.DataCenterSpec;
import dev.booty.plugin.grpc.v1.Endpoint;
import dev.booty.plugin.grpc.v1.HostedDataCenter;
import dev.booty.plugin.grpc.v1.Link;
import dev.booty.plugin.grpc.v1.NamesByDataCenter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostingCodecTest {

  @Test
  void dataCentresRoundTripAcrossBytes() throws Exception {
    var spec = new HostingProvider.DataCenterSpec("london", 2, 3, Map.of("region", "lhr"));
    assertThat(
            HostingCodec.fromMessage(
                DataCenterSpec.parseFrom(HostingCodec.toMessage(spec).toByteArray())))
        .isEqualTo(spec);

    var hosted =
        new HostingProvider.HostedDataCenter(
            "london",
            "booty-london",
            List.of("127.0.2.1", "127.0.2.2"),
            Map.of("node", "lon-node"));
    assertThat(
            HostingCodec.fromMessage(
                HostedDataCenter.parseFrom(HostingCodec.toMessage(hosted).toByteArray())))
        .isEqualTo(hosted);
  }

  @Test
  void endpointsAndLinksRoundTrip() throws Exception {
    var endpoint =
        new WanEmulation.Endpoint(
            "dallas-1.nats.booty", "dallas", "127.0.3.1", List.of(4222, 7222), "dal-1");
    assertThat(
            HostingCodec.fromMessage(
                Endpoint.parseFrom(HostingCodec.toMessage(endpoint).toByteArray())))
        .isEqualTo(endpoint);
    var link = new WanEmulation.Link("london", "dallas", Duration.ofMillis(105));
    assertThat(HostingCodec.fromMessage(Link.parseFrom(HostingCodec.toMessage(link).toByteArray())))
        .isEqualTo(link);
  }

  @Test
  void namesAndAddressesByDataCentreRoundTrip() throws Exception {
    Map<String, Map<String, String>> names =
        Map.of(
            "london", Map.of("dallas-1.nats.booty", "127.0.2.100"),
            "dallas", Map.of("london-1.nats.booty", "127.0.3.100"));
    var parsed = NamesByDataCenter.parseFrom(HostingCodec.toMessage(names).toByteArray());
    assertThat(HostingCodec.fromMessage(parsed)).isEqualTo(names);
    assertThat(HostingCodec.fromMessage(HostingCodec.nameMaps(names))).isEqualTo(names);

    Map<String, List<String>> resolvers =
        Map.of("london", List.of("127.0.2.53", "127.0.2.54"), "dallas", List.of());
    var addresses =
        AddressesByDataCenter.parseFrom(HostingCodec.addresses(resolvers).toByteArray());
    assertThat(HostingCodec.addressLists(addresses.getByDataCenterMap())).isEqualTo(resolvers);
  }
}

package dev.booty.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.util.Json;
import org.junit.jupiter.api.Test;

/** Round trips between data centres read from nats-server's /gatewayz. */
class GatewayRttsTest {

  @Test
  void goDurationsBecomeMilliseconds() {
    assertThat(GatewayRtts.millis("108.008103ms")).isEqualTo(108.01);
    assertThat(GatewayRtts.millis("850µs")).isEqualTo(0.85);
    assertThat(GatewayRtts.millis("850us")).isEqualTo(0.85);
    assertThat(GatewayRtts.millis("1m2.5s")).isEqualTo(62_500.0);
    assertThat(GatewayRtts.millis("0s")).isEqualTo(0.0);
    assertThat(GatewayRtts.millis("")).isNull();
    assertThat(GatewayRtts.millis("fast")).isNull();
    assertThat(GatewayRtts.millis("12ms and more")).isNull();
  }

  @Test
  void eachOutboundGatewayGivesItsPair() throws Exception {
    var gatewayz =
        Json.MAPPER.readTree(
            """
            {"name": "london", "outbound_gateways": {
               "amsterdam": {"configured": true, "connection": {"rtt": "8.847925ms"}},
               "dallas": {"configured": true, "connection": {"rtt": "108.008103ms"}},
               "paris": {"configured": true, "connection": {}}},
             "inbound_gateways": {"dallas": [{"connection": {"rtt": "1s"}}]}}
            """);
    assertThat(GatewayRtts.fromGatewayz("london", gatewayz))
        .containsExactly(
            java.util.Map.entry("london->amsterdam", 8.85),
            java.util.Map.entry("london->dallas", 108.01));
  }
}

package dev.booty.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigTest {
  @Test
  void builderDefaults() {
    ClientConfig c = ClientConfig.builder().id("c1").dc("dallas").servers("nats://a:1").build();
    assertThat(c.kinds()).containsExactly("pubsub");
    assertThat(c.subject()).isEqualTo("booty.client");
    assertThat(c.rate()).isEqualTo(100);
    assertThat(c.size()).isEqualTo(128);
    assertThat(c.duration()).isNull();
    assertThat(c.pingInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.maxPingsOut()).isEqualTo(2);
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.replicas()).isEqualTo(3);
    assertThat(c.placement()).isTrue();
    assertThat(c.respond()).isTrue();
    // plain TCP, no credentials: as before clusters could ask for TLS or creds
    assertThat(c.caFile()).isNull();
    assertThat(c.credsFile()).isNull();
  }

  @Test
  void aCaOrCredsFileMustBeThereAndToBuilderKeepsThem(@TempDir Path dir) throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "pem");
    Path creds = Files.writeString(dir.resolve("c.creds"), "creds");
    ClientConfig.Builder b = ClientConfig.builder().id("c1").dc("dallas").servers("nats://a:1");
    ClientConfig c = b.caFile(ca).credsFile(creds).build();
    assertThat(c.toBuilder().build()).isEqualTo(c);
    assertThat(c.caFile()).isEqualTo(ca);

    assertThatThrownBy(() -> b.caFile(dir.resolve("gone.pem")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("caFile " + dir.resolve("gone.pem") + ": no such readable file");
    assertThatThrownBy(() -> b.caFile(ca).credsFile(dir).build())
        .hasMessage("credsFile " + dir + ": no such readable file");
  }

  @Test
  void theSevenArgumentConstructorIsTheBuilderWithPubSub() {
    ClientConfig c =
        new ClientConfig("c1", "dallas", List.of("nats://a:1"), "booty.client", 100, 128, null);
    assertThat(c)
        .isEqualTo(ClientConfig.builder().id("c1").dc("dallas").servers("nats://a:1").build());
  }

  @Test
  void kindsComeInTheirFixedOrderAndToBuilderKeepsTheRest() {
    ClientConfig c =
        ClientConfig.builder()
            .id("c1")
            .dc("dallas")
            .servers("nats://a:1")
            .kinds("jetstream", "pubsub", "queue")
            .replicas(1)
            .build();
    assertThat(c.kinds()).containsExactly("pubsub", "queue", "jetstream");
    ClientConfig d = c.toBuilder().id("c2").build();
    assertThat(d.id()).isEqualTo("c2");
    assertThat(d.kinds()).containsExactly("pubsub", "queue", "jetstream");
    assertThat(d.replicas()).isEqualTo(1);
  }

  @Test
  void errorsNameTheSetting() {
    ClientConfig.Builder b = ClientConfig.builder().id("c1").dc("dallas").servers("nats://a:1");
    assertThatThrownBy(() -> b.kinds("pubsub", "stream").build())
        .hasMessage(
            "kinds: unknown kind 'stream'; expected some of pubsub, request, queue, jetstream");
    assertThatThrownBy(() -> b.kinds(List.of()).build())
        .hasMessage("kinds: at least one of pubsub, request, queue, jetstream");
    b.kinds("pubsub");
    assertThatThrownBy(() -> b.id("c.1").build())
        .hasMessageStartingWith("client id 'c.1': it goes into subjects as one token, so '.'");
    b.id("c1");
    assertThatThrownBy(() -> b.dc(null).build()).hasMessage("dc: missing");
    b.dc("dallas");
    assertThatThrownBy(() -> b.rate(-1).build())
        .hasMessage("rate -1: expected at least 1 msg/s, or 0 for as fast as possible");
    b.rate(0);
    assertThatThrownBy(() -> b.maxPingsOut(0).build())
        .hasMessage("maxPingsOut 0: expected at least 1");
    b.maxPingsOut(2);
    assertThatThrownBy(() -> b.pingInterval(Duration.ZERO).build())
        .hasMessage("pingInterval PT0S: expected more than 0");
    b.pingInterval(Duration.ofSeconds(1));
    assertThatThrownBy(() -> b.replicas(7).build()).hasMessage("replicas 7: expected 1 to 5");
    b.replicas(3);
    assertThatThrownBy(() -> b.subject("booty..x").build())
        .hasMessage("subject 'booty..x': an empty token (leading, trailing or double '.')");
    assertThatThrownBy(() -> b.subject("booty.*").build())
        .hasMessageStartingWith("subject 'booty.*', token '*': it goes into subjects as one token");
    b.subject("booty.x");
    assertThat(b.replicas(5).build().rate()).isZero();
  }
}

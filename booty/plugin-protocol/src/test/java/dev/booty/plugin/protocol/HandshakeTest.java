package dev.booty.plugin.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HandshakeTest {

  private static final byte[] CERT = {0x30, (byte) 0x82, 0x01, 0x0a, 0x7f};

  @Test
  void formatsAndParsesTheLine() {
    Handshake sent = Handshake.of("127.0.0.1:41234", CERT);
    String line = sent.format();

    assertThat(line).isEqualTo("1|1|tcp|127.0.0.1:41234|grpc|MIIBCn8");
    Handshake read = Handshake.parse(line + "\n");
    assertThat(read.core()).isEqualTo(1);
    assertThat(read.app()).isEqualTo(1);
    assertThat(read.network()).isEqualTo("tcp");
    assertThat(read.host()).isEqualTo("127.0.0.1");
    assertThat(read.port()).isEqualTo(41234);
    assertThat(read.protocol()).isEqualTo("grpc");
    assertThat(read.certificate()).containsExactly(CERT);
  }

  @Test
  void acceptsPaddedBase64() {
    assertThat(Handshake.parse("1|1|tcp|127.0.0.1:1|grpc|MIIBCn8=").certificate())
        .containsExactly(CERT);
  }

  @Test
  void namesWhatIsWrongInAMalformedLine() {
    assertThatThrownBy(() -> Handshake.parse("hello"))
        .hasMessage("expected 6 fields separated by '|', found 1");
    assertThatThrownBy(() -> Handshake.parse("x|1|tcp|127.0.0.1:1|grpc|MIIB"))
        .hasMessage("CORE 'x' is not a number");
    assertThatThrownBy(() -> Handshake.parse("1||tcp|127.0.0.1:1|grpc|MIIB"))
        .hasMessage("APP '' is not a number");
    assertThatThrownBy(() -> Handshake.parse("1|1|tcp|localhost|grpc|MIIB"))
        .hasMessage("ADDRESS 'localhost' is not host:port");
    assertThatThrownBy(() -> Handshake.parse("1|1|tcp|127.0.0.1:1|grpc|%%%"))
        .hasMessageStartingWith("CERT is not base64");
    assertThatThrownBy(() -> Handshake.parse("1|1|tcp|127.0.0.1:1|grpc|"))
        .hasMessage("CERT is empty");
  }
}

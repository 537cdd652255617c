package dev.booty.plugins.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressingTest {
  private final Addressing a = Addressing.of(null);

  @Test
  void theSubnetDefaultsTo127_77AndIsTakenAsWritten() {
    assertThat(Addressing.of(null).subnet()).isEqualTo("127.77");
    assertThat(Addressing.of("  ").subnet()).isEqualTo("127.77");
    assertThat(Addressing.of(" 127.79 ").subnet()).isEqualTo("127.79");
    assertThat(Addressing.of("127.79").wan()).isEqualTo("127.79.0.1");
  }

  @Test
  void eachDataCentreHasABlockOfItsOwn() {
    assertThat(a.host(1)).isEqualTo("127.77.1.1");
    assertThat(a.host(3)).isEqualTo("127.77.3.1");
    assertThat(a.server(2, 1)).isEqualTo("127.77.2.11");
    assertThat(a.server(2, 3)).isEqualTo("127.77.2.13");
    assertThat(a.linkEnd(2, 0)).isEqualTo("127.77.2.100");
    assertThat(a.linkEnd(3, 5)).isEqualTo("127.77.3.105");
    assertThat(a.host(Addressing.MAX_DATA_CENTRES)).isEqualTo("127.77.250.1");
  }

  @Test
  void agentsServersAndLinkEndsNeverShareAnAddressEvenAtTheLimits() {
    Set<String> seen = new HashSet<>();
    List<String> all = new ArrayList<>();
    for (int dc : new int[] {1, 2, Addressing.MAX_DATA_CENTRES}) {
      all.add(a.host(dc));
      for (int k = 1; k <= Addressing.MAX_SERVERS; k++) {
        all.add(a.server(dc, k));
      }
      for (int o = 0; o < Addressing.MAX_REMOTE_ENDPOINTS; o++) {
        all.add(a.linkEnd(dc, o));
      }
    }
    for (String address : all) {
      assertThat(seen.add(address)).as("%s given twice", address).isTrue();
      int last = Integer.parseInt(address.substring(address.lastIndexOf('.') + 1));
      assertThat(last).as(address).isBetween(1, 254);
      assertThat(address).doesNotStartWith("127.77.0.");
    }
    assertThat(a.server(1, Addressing.MAX_SERVERS)).isEqualTo("127.77.1.99");
    assertThat(a.linkEnd(1, Addressing.MAX_REMOTE_ENDPOINTS - 1)).isEqualTo("127.77.1.249");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0", "192.168", "127", "127.77.1", "127.256", "127.-1", "127.077"})
  void aSubnetThatIsNoLoopbackSlash16IsRefusedByName(String subnet) {
    assertThatThrownBy(() -> Addressing.of(subnet))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("subnet '" + subnet + "' is not a loopback /16 such as 127.77");
  }

  @Test
  void theWholeLoopbackRangeOfSlash16sIsAccepted() {
    assertThat(Addressing.of("127.0").host(1)).isEqualTo("127.0.1.1");
    assertThat(Addressing.of("127.255").host(1)).isEqualTo("127.255.1.1");
  }

  @Test
  void anIndexOutOfRangeIsRefusedWithTheRange() {
    assertThatThrownBy(() -> a.host(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("data centre index 0 is out of 1..250");
    assertThatThrownBy(() -> a.server(251, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("data centre index 251 is out of 1..250");
    assertThatThrownBy(() -> a.linkEnd(-1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("data centre index -1 is out of 1..250");
    assertThatThrownBy(() -> a.server(1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("server 0 is out of 1..89");
    assertThatThrownBy(() -> a.server(1, 90))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("server 90 is out of 1..89");
    assertThatThrownBy(() -> a.linkEnd(1, Addressing.MAX_REMOTE_ENDPOINTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("more than 150 endpoints across the WAN");
  }
}

package dev.booty.core.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionOrderTest {
  @Test
  void ordersNumerically() {
    List<String> v = new ArrayList<>(List.of("2.10.0", "2.9.10", "2.11.1", "2.9.9"));
    v.sort(VersionOrder.INSTANCE);
    assertThat(v).containsExactly("2.9.9", "2.9.10", "2.10.0", "2.11.1");
  }
}

package dev.booty.plugins.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class HostChecksTest {

  private static final Set<String> OWN = Set.of("10.0.0.5");

  @Test
  void readsListenersOfSs() {
    assertThat(
            HostChecks.listenerOn(
                "tcp   LISTEN 0 4096 10.0.0.5:4646 0.0.0.0:* users:((\"nomad\",pid=812,fd=9))",
                4646,
                OWN))
        .isEqualTo("tcp 10.0.0.5:4646 by nomad pid 812");
    assertThat(HostChecks.listenerOn("LISTEN 0 128 0.0.0.0:8500 0.0.0.0:*", 8500, OWN))
        .isEqualTo("tcp 0.0.0.0:8500");
    assertThat(HostChecks.listenerOn("udp UNCONN 0 0 *:8301 *:*", 8301, OWN))
        .isEqualTo("udp *:8301");
    assertThat(HostChecks.listenerOn("tcp LISTEN 0 128 [::]:4647 [::]:*", 4647, OWN))
        .isEqualTo("tcp [::]:4647");
    assertThat(HostChecks.listenerOn("tcp LISTEN 0 128 [::ffff:10.0.0.5]:80 *:*", 80, OWN))
        .isNotNull();
    // another address of the machine, or another port: not ours
    assertThat(HostChecks.listenerOn("tcp LISTEN 0 128 127.0.0.1:4646 0.0.0.0:*", 4646, OWN))
        .isNull();
    assertThat(HostChecks.listenerOn("tcp LISTEN 0 128 10.0.0.5:46460 0.0.0.0:*", 4646, OWN))
        .isNull();
  }

  @Test
  void mapsArchitectures() {
    assertThat(HostChecks.unameMachine("amd64")).isEqualTo("x86_64");
    assertThat(HostChecks.unameMachine("aarch64")).isEqualTo("aarch64");
    assertThat(HostChecks.unameMachine("arm64")).isEqualTo("aarch64");
  }
}

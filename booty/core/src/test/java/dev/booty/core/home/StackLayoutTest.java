package dev.booty.core.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StackLayoutTest {
  @Test
  void theStackKeepsItsFilesUnderHomeStack() {
    StackLayout stack = new BootyHome(Path.of("/h")).stack();
    assertThat(stack.root()).isEqualTo(Path.of("/h/stack"));
    assertThat(stack.ports()).isEqualTo(Path.of("/h/stack/ports.json"));
    assertThat(stack.state()).isEqualTo(Path.of("/h/stack/state.json"));
    assertThat(stack.logs()).isEqualTo(Path.of("/h/stack/logs"));
    assertThat(stack.logOf("nomad")).isEqualTo(Path.of("/h/stack/logs/nomad.log"));
    assertThat(stack.supervisorLog()).isEqualTo(Path.of("/h/stack/logs/supervisor.log"));
    assertThat(stack.serviceDir("consul")).isEqualTo(Path.of("/h/stack/consul"));
    assertThat(stack.bootyCreds()).isEqualTo(Path.of("/h/stack/nats/creds/booty.creds"));
  }
}

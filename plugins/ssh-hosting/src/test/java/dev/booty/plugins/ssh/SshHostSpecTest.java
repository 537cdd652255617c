package dev.booty.plugins.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshHostSpecTest {

  @TempDir Path home;
  private Path key;

  @BeforeEach
  void key() throws Exception {
    key = Files.createDirectories(home.resolve(".ssh")).resolve("id_ed25519");
    Files.writeString(key, "not read here");
  }

  private Map<String, String> options(String... pairs) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      options.put(pairs[i], pairs[i + 1]);
    }
    return options;
  }

  @Test
  void defaultsPortUserAndExpandsTheKey() {
    List<SshHostSpec> hosts =
        SshHostSpec.parse(
            "london",
            options(
                "host.1.address", "10.0.0.1",
                "host.1.key", "~/.ssh/id_ed25519",
                "host.2.address", "10.0.0.2",
                "host.2.port", "2222",
                "host.2.user", "deploy",
                "host.2.key", key.toString(),
                "host.2.knownHost", "10.0.0.2 ssh-ed25519 AAAA",
                "host.2.acceptNewHostKey", "true",
                "servers", "3"),
            home);
    assertThat(hosts)
        .containsExactly(
            new SshHostSpec("london", 1, "10.0.0.1", 22, "root", key, Optional.empty(), false),
            new SshHostSpec(
                "london",
                2,
                "10.0.0.2",
                2222,
                "deploy",
                key,
                Optional.of("10.0.0.2 ssh-ed25519 AAAA"),
                true));
    assertThat(hosts.get(0).label()).isEqualTo("host 10.0.0.1 (datacenter london)");
    assertThat(hosts.get(1).label()).isEqualTo("host 10.0.0.2:2222 (datacenter london)");
  }

  @Test
  void namesTheMissingOrWrongKey() {
    assertThatThrownBy(
            () ->
                SshHostSpec.parse(
                    "london",
                    options(
                        "host.1.address", "a", "host.1.key", key.toString(), "host.2.port", "22"),
                    home))
        .hasMessage("datacenter london: host.2.address is missing");
    assertThatThrownBy(
            () ->
                SshHostSpec.parse(
                    "london",
                    options(
                        "host.1.address", "a", "host.1.key", key.toString(), "host.3.address", "b"),
                    home))
        .hasMessage("datacenter london: host.2.address is missing");
    assertThatThrownBy(() -> SshHostSpec.parse("dallas", options("host.1.address", "a"), home))
        .hasMessage(
            "datacenter dallas: host.1.key is missing (the private key file booty logs in with)");
    assertThatThrownBy(
            () ->
                SshHostSpec.parse(
                    "dallas", options("host.1.address", "a", "host.1.key", "~/nope"), home))
        .hasMessage(
            "datacenter dallas: host.1.key: "
                + home.resolve("nope")
                + " does not exist or is unreadable");
    assertThatThrownBy(
            () ->
                SshHostSpec.parse(
                    "dallas",
                    options(
                        "host.1.address",
                        "a",
                        "host.1.key",
                        key.toString(),
                        "host.1.port",
                        "99999"),
                    home))
        .hasMessage("datacenter dallas: host.1.port: '99999' is not a port (1-65535)");
    assertThatThrownBy(
            () ->
                SshHostSpec.parse(
                    "dallas",
                    options(
                        "host.1.address",
                        "a",
                        "host.1.key",
                        key.toString(),
                        "host.1.acceptNewHostKey",
                        "yes"),
                    home))
        .hasMessage("datacenter dallas: host.1.acceptNewHostKey: 'yes' is neither true nor false");
    assertThatThrownBy(() -> SshHostSpec.parse("dallas", options("host.1.adress", "a"), home))
        .hasMessageStartingWith("datacenter dallas: host.1.adress is not a host setting");
    assertThatThrownBy(() -> SshHostSpec.parse("dallas", options("servers", "3"), home))
        .hasMessage("datacenter dallas: no hosts listed (host.1.address, host.1.key, ...)");
    assertThatThrownBy(
            () ->
                SshHostSpec.parse(
                    "dallas",
                    options(
                        "host.1.address",
                        "a",
                        "host.1.key",
                        key.toString(),
                        "host.2.address",
                        "a",
                        "host.2.key",
                        key.toString()),
                    home))
        .hasMessage("datacenter dallas: host.2.address: a is listed twice");
  }
}

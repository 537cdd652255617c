package dev.booty.plugins.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SshConnection} against real sshd test hosts: login, host keys, exec, verified upload. */
class SshConnectionIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static SshTestHosts hosts;

  @TempDir Path home;

  @BeforeAll
  static void startHosts() {
    hosts = SshTestHosts.start("127.0.90.", 1);
  }

  @AfterAll
  static void stopHosts() {
    if (hosts != null) {
      hosts.close();
    }
  }

  private static SshHostSpec spec(Optional<String> knownHost, boolean accept) {
    SshTestHosts.Host h = hosts.host(1);
    return new SshHostSpec(
        "london", 1, h.address(), h.port(), h.user(), h.keyFile(), knownHost, accept);
  }

  @Test
  void runsCommandsWithTheScenariosKnownHostLine() {
    try (SshConnection c =
        SshConnection.connect(
            spec(Optional.of(hosts.host(1).knownHostsLine()), false),
            KnownHosts.inHome(home),
            TIMEOUT)) {
      SshConnection.Result r = c.exec("echo out; echo err >&2; exit 3", TIMEOUT);
      assertThat(r.exitCode()).isEqualTo(3);
      assertThat(r.stdout()).isEqualTo("out\n");
      assertThat(r.stderr()).isEqualTo("err\n");
    }
    assertThat(home.resolve("ssh/known_hosts")).doesNotExist();
  }

  @Test
  void unknownHostKeyIsRefusedUnlessAcceptedThenRecorded() {
    KnownHosts known = KnownHosts.inHome(home);
    assertThatThrownBy(() -> SshConnection.connect(spec(Optional.empty(), false), known, TIMEOUT))
        .isInstanceOf(SshHostException.class)
        .hasMessageStartingWith("host 127.0.90.1 (datacenter london): host key not known")
        .hasMessageContaining("SHA256:")
        .hasMessageContaining("host.1.acceptNewHostKey");
    try (SshConnection c = SshConnection.connect(spec(Optional.empty(), true), known, TIMEOUT)) {
      assertThat(c.check("uname -s", TIMEOUT)).isEqualTo("Linux\n");
    }
    assertThat(known.file()).content().startsWith("127.0.90.1 ssh-ed25519 ");
    // recorded: now known without accepting
    try (SshConnection c = SshConnection.connect(spec(Optional.empty(), false), known, TIMEOUT)) {
      assertThat(c.check("echo again", TIMEOUT)).isEqualTo("again\n");
    }
  }

  @Test
  void uploadsAndVerifiesTheChecksum() throws Exception {
    Path local = home.resolve("payload");
    Files.writeString(local, "hello from booty\n");
    try (SshConnection c =
        SshConnection.connect(
            spec(Optional.of(hosts.host(1).knownHostsLine()), false),
            KnownHosts.inHome(home),
            TIMEOUT)) {
      c.check("mkdir -p /opt/booty-conn-test", TIMEOUT);
      c.upload(local, "/opt/booty-conn-test/payload", 0750);
      assertThat(c.check("stat -c %a /opt/booty-conn-test/payload", TIMEOUT)).isEqualTo("750\n");
      assertThat(c.sha256("/opt/booty-conn-test/payload")).isEqualTo(SshConnection.sha256(local));
      assertThat(c.sha256("/opt/booty-conn-test/none")).isEmpty();

      byte[] content = "x".getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(
              () ->
                  c.upload(
                      () -> new java.io.ByteArrayInputStream(content),
                      "/opt/booty-conn-test/bad",
                      0644,
                      "0".repeat(64)))
          .isInstanceOf(SshHostException.class)
          .hasMessageStartingWith("host 127.0.90.1 (datacenter london): /opt/booty-conn-test/bad")
          .hasMessageContaining("expected " + "0".repeat(64))
          .hasMessageEndingWith("removed it");
      assertThat(c.exec("test -e /opt/booty-conn-test/bad", TIMEOUT).exitCode()).isEqualTo(1);
      c.check("rm -r /opt/booty-conn-test", TIMEOUT);
    }
    assertThat(hosts.files(hosts.host(1))).isEmpty();
  }
}

package dev.booty.plugins.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.booty.plugins.ssh.HostChecks.HostNeeds;
import dev.booty.plugins.ssh.SshTestHosts.HostOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HostChecks} against real sshd test hosts, good ones and each kind of bad one. */
class HostChecksIT {

  private static final String SUBNET = "127.0.90.";
  private static final List<Integer> PORTS = List.of(19646, 19647, 19500);
  private static final long TEN_MB = 10L * 1024 * 1024;

  @TempDir Path home;

  private HostChecks checks() {
    return new HostChecks(
        KnownHosts.inHome(home), Duration.ofSeconds(5), HostChecks.localMachine());
  }

  private static SshHostSpec pinned(SshTestHosts.Host h, String dc) {
    return new SshHostSpec(
        dc,
        1,
        h.address(),
        h.port(),
        h.user(),
        h.keyFile(),
        Optional.of(h.knownHostsLine()),
        false);
  }

  private static HostNeeds needs(SshHostSpec spec) {
    return new HostNeeds(spec, PORTS, TEN_MB, "/opt/booty");
  }

  @Test
  void goodHostsPassAndNothingChanges() {
    try (SshTestHosts hosts = SshTestHosts.start(SUBNET, 2)) {
      List<String> before1 = hosts.files(hosts.host(1));
      checks()
          .check(
              List.of(
                  needs(pinned(hosts.host(1), "london")), needs(pinned(hosts.host(2), "dallas"))));
      assertThat(hosts.files(hosts.host(1))).isEqualTo(before1).isEmpty();
      assertThat(hosts.files(hosts.host(2))).isEmpty();
      assertThat(hosts.processes(hosts.host(1))).isEmpty();
    }
  }

  @Test
  void unreachableHost() {
    try (SshTestHosts hosts = SshTestHosts.start(SUBNET, 1)) {
      SshHostSpec spec = pinned(hosts.host(1), "london");
      hosts.stop(hosts.host(1));
      assertOneProblem(
          spec, "host 127.0.90.1 (datacenter london): unreachable: connection refused");
    }
  }

  @Test
  void wrongKey() {
    try (SshTestHosts hosts = SshTestHosts.start(SUBNET, 1)) {
      SshTestHosts.Host h = hosts.host(1);
      Path other = hosts.unauthorizedKey("stranger");
      SshHostSpec spec =
          new SshHostSpec(
              "london", 1, h.address(), 22, "root", other, Optional.of(h.knownHostsLine()), false);
      assertOneProblem(
          spec,
          "host 127.0.90.1 (datacenter london): login as root with key " + other + " refused");
      assertThat(hosts.files(h)).isEmpty();
    }
  }

  @Test
  void changedHostKeyIsRefusedWithBothFingerprints() {
    try (SshTestHosts hosts = SshTestHosts.start(SUBNET, 1)) {
      SshTestHosts.Host h = hosts.host(1);
      SshHostSpec accepting =
          new SshHostSpec(
              "london", 1, h.address(), 22, "root", h.keyFile(), Optional.empty(), true);
      checks().check(List.of(needs(accepting))); // records the key in HOME/ssh/known_hosts
      String oldLine = h.knownHostsLine();
      hosts.restart(h, true);
      List<String> before = hosts.files(h);
      SshHostException e =
          catchThrowableOfType(
              SshHostException.class, () -> checks().check(List.of(needs(accepting))));
      assertThat(e.problems()).hasSize(1);
      assertThat(e.problems().get(0).toString())
          .startsWith(
              "host 127.0.90.1 (datacenter london): host key CHANGED: it offers ssh-ed25519 SHA256:")
          .contains("but " + home.resolve("ssh/known_hosts") + " has ssh-ed25519 SHA256:");
      assertThat(e.problems().get(0).cause()).matches("(?s).*SHA256:\\S+ but .* SHA256:\\S+;.*");
      // the scenario's pinned line, now outdated, is refused the same way
      SshHostSpec pinnedOld =
          new SshHostSpec(
              "london", 1, h.address(), 22, "root", h.keyFile(), Optional.of(oldLine), false);
      assertOneProblem(pinnedOld, "host key CHANGED");
      assertThat(hosts.files(h)).isEqualTo(before);
    }
  }

  @Test
  void unknownHostKeyWithoutAccept() {
    try (SshTestHosts hosts = SshTestHosts.start(SUBNET, 1)) {
      SshTestHosts.Host h = hosts.host(1);
      SshHostSpec spec =
          new SshHostSpec(
              "london", 1, h.address(), 22, "root", h.keyFile(), Optional.empty(), false);
      assertOneProblem(
          spec,
          "host 127.0.90.1 (datacenter london): host key not known: it offers ssh-ed25519 SHA256:");
      assertThat(home.resolve("ssh/known_hosts")).doesNotExist();
    }
  }

  @Test
  void wrongArchitecture() {
    try (SshTestHosts hosts =
        SshTestHosts.start(SUBNET, List.of(HostOptions.plain().withMachine("riscv64")))) {
      assertOneProblem(
          pinned(hosts.host(1), "amsterdam"),
          "host 127.0.90.1 (datacenter amsterdam): runs Linux riscv64, but booty's binaries are for "
              + HostChecks.localMachine());
    }
  }

  @Test
  void portInUse() {
    try (SshTestHosts hosts = SshTestHosts.start(SUBNET, 2)) {
      hosts.holdPort(hosts.host(2), 19647);
      // the same port on another host's address is no problem
      checks().check(List.of(needs(pinned(hosts.host(1), "london"))));
      assertOneProblem(
          pinned(hosts.host(2), "london"),
          "host 127.0.90.2 (datacenter london): port 19647 is in use (tcp [::ffff:127.0.90.2]:19647 by java pid "
              + ProcessHandle.current().pid()
              + ")");
    }
  }

  @Test
  void tooLittleDisk() {
    try (SshTestHosts hosts =
        SshTestHosts.start(SUBNET, List.of(HostOptions.plain().withDiskSize("1m")))) {
      assertOneProblem(
          pinned(hosts.host(1), "london"),
          "host 127.0.90.1 (datacenter london): only 1.0 MiB free under /opt (for /opt/booty), needs 74.0 MiB");
      assertThat(hosts.files(hosts.host(1))).isEmpty();
    }
  }

  @Test
  void everyProblemOfEveryHostInOneError() {
    try (SshTestHosts hosts =
        SshTestHosts.start(
            SUBNET,
            List.of(
                HostOptions.plain(),
                HostOptions.plain().withMachine("riscv64"),
                HostOptions.plain(),
                HostOptions.plain()))) {
      hosts.holdPort(hosts.host(2), 19646);
      hosts.stop(hosts.host(3));
      List<HostNeeds> all =
          List.of(
              needs(pinned(hosts.host(1), "london")),
              needs(pinned(hosts.host(2), "amsterdam")),
              needs(pinned(hosts.host(3), "dallas")),
              needs(pinned(hosts.host(4), "dallas")));
      assertThatThrownBy(() -> checks().check(all))
          .isInstanceOf(SshHostException.class)
          .hasMessage(
              "3 problems with the hosts; nothing was changed on any host:\n"
                  + "  host 127.0.90.2 (datacenter amsterdam): runs Linux riscv64, but booty's binaries are for "
                  + HostChecks.localMachine()
                  + " ("
                  + (HostChecks.localMachine().equals("x86_64") ? "amd64" : "arm64")
                  + ")\n"
                  + "  host 127.0.90.2 (datacenter amsterdam): port 19646 is in use (tcp [::ffff:127.0.90.2]:19646 by java pid "
                  + ProcessHandle.current().pid()
                  + ")\n"
                  + "  host 127.0.90.3 (datacenter dallas): unreachable: connection refused");
      for (int i : List.of(1, 2, 4)) {
        assertThat(hosts.files(hosts.host(i))).isEmpty();
      }
    }
  }

  private void assertOneProblem(SshHostSpec spec, String expected) {
    SshHostException e =
        catchThrowableOfType(SshHostException.class, () -> checks().check(List.of(needs(spec))));
    assertThat(e).as("checks should fail with " + expected).isNotNull();
    assertThat(e.problems()).hasSize(1);
    assertThat(e.getMessage())
        .startsWith("1 problem with the hosts; nothing was changed on any host:\n  ");
    assertThat(e.problems().get(0).toString()).startsWith(spec.label() + ": ").contains(expected);
  }
}

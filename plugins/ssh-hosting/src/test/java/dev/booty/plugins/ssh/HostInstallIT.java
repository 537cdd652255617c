package dev.booty.plugins.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.plugins.ssh.HostInstall.InstallFile;
import dev.booty.plugins.ssh.HostInstall.Layout;
import dev.booty.plugins.ssh.HostInstall.Service;
import dev.booty.plugins.ssh.HostManifest.Kind;
import dev.booty.plugins.ssh.SshTestHosts.HostProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HostInstall} against real sshd test hosts: verified copies, idempotence, booty's
 * supervisor, interrupted installs, and an uninstall that leaves each host as it was.
 */
class HostInstallIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @AutoClose SshTestHosts hosts = SshTestHosts.start("127.0.90.", 2);

  @TempDir Path home;
  private Path manifests;
  private List<InstallFile> files;

  @BeforeEach
  void files() throws Exception {
    manifests = home.resolve("hosts");
    byte[] big = new byte[3 * 1024 * 1024];
    new Random(14).nextBytes(big);
    Path agent = Files.write(home.resolve("agent"), big);
    Path config = Files.writeString(home.resolve("agent.hcl"), "datacenter = \"london\"\n");
    files =
        List.of(
            new InstallFile(agent, "bin/agent", 0755),
            new InstallFile(config, "etc/agent.hcl", 0600));
  }

  private SshHostSpec spec(SshTestHosts.Host h) {
    return new SshHostSpec(
        "london", 1, h.address(), 22, "root", h.keyFile(), Optional.of(h.knownHostsLine()), false);
  }

  private <T> T on(SshTestHosts.Host h, java.util.function.Function<HostInstall, T> work) {
    SshHostSpec spec = spec(h);
    try (SshConnection ssh = SshConnection.connect(spec, KnownHosts.inHome(home), TIMEOUT)) {
      return work.apply(new HostInstall(ssh, HostManifest.of(manifests, spec), Layout.DEFAULT));
    }
  }

  @Test
  void installsOnTwoHostsInParallelOnceThenUninstallsToWhatWasThere() {
    List<SshTestHosts.Host> both = hosts.hosts();
    List<List<String>> before = both.stream().map(hosts::files).toList();
    List<List<HostProcess>> processesBefore = both.stream().map(hosts::processes).toList();

    List<Integer> copied = Parallel.map(both, h -> on(h, install -> install.install(files)));
    assertThat(copied).containsExactly(2, 2);
    for (SshTestHosts.Host h : both) {
      assertThat(hosts.files(h))
          .containsExactly(
              "d 755 - /opt/booty",
              "d 755 - /opt/booty/bin",
              "d 755 - /opt/booty/etc",
              "f 600 22 /opt/booty/etc/agent.hcl",
              "f 755 3145728 /opt/booty/bin/agent");
      try (SshConnection ssh = SshConnection.connect(spec(h), KnownHosts.inHome(home), TIMEOUT)) {
        assertThat(ssh.sha256("/opt/booty/bin/agent"))
            .isEqualTo(SshConnection.sha256(files.get(0).local()));
      }
    }
    // a second install finds every file in place: nothing copied
    List<Integer> again = Parallel.map(both, h -> on(h, install -> install.install(files)));
    assertThat(again).containsExactly(0, 0);
    assertThat(HostManifest.of(manifests, spec(both.get(0))).entries())
        .extracting(e -> e.kind() + " " + e.value())
        .containsExactly(
            "DIR /opt/booty",
            "DIR /opt/booty/bin",
            "FILE /opt/booty/bin/agent",
            "DIR /opt/booty/etc",
            "FILE /opt/booty/etc/agent.hcl");

    List<HostInstall.Uninstalled> done = Parallel.map(both, h -> on(h, HostInstall::uninstall));
    assertThat(done).allSatisfy(u -> assertThat(u.keptDirectories()).isEmpty());
    assertThat(done.get(0).removed()).isEqualTo(5);
    assertThat(both.stream().map(hosts::files).toList()).isEqualTo(before);
    assertThat(both.stream().map(hosts::processes).toList()).isEqualTo(processesBefore);
    assertThat(manifests).isEmptyDirectory();
  }

  @Test
  void supervisorRestartsTheCommandAndStopsTheWholeGroup() throws Exception {
    SshTestHosts.Host h = hosts.host(1);
    List<String> before = hosts.files(h);
    assertThat(hosts.processes(h)).isEmpty();
    Service sleeper = new Service("sleeper", List.of("/bin/sleep", "1000"));

    on(
        h,
        install -> {
          assertThat(install.systemd()).isFalse();
          install.start(sleeper);
          install.start(sleeper); // already running: left alone
          return null;
        });
    // the SSH session is gone; the supervisor and its command live on
    List<HostProcess> running = hosts.processes(h);
    assertThat(running)
        .extracting(HostProcess::command)
        .containsExactly(
            "/bin/sh /opt/booty/bin/booty-supervise /var/lib/booty/run/sleeper.pid"
                + " /var/lib/booty/log/sleeper.log -- /bin/sleep 1000",
            "/bin/sleep 1000");

    long child = running.get(1).pid();
    ProcessHandle.of(child).orElseThrow().destroyForcibly();
    HostProcess restarted =
        await(
            () ->
                hosts.processes(h).stream()
                    .filter(p -> p.command().equals("/bin/sleep 1000") && p.pid() != child)
                    .findFirst());
    assertThat(restarted.pid()).isNotEqualTo(child);
    assertThat(hosts.processes(h)).hasSize(2);

    on(
        h,
        install -> {
          install.stop("sleeper");
          assertThat(install.running("sleeper")).isFalse();
          return null;
        });
    assertThat(hosts.processes(h)).isEmpty();
    assertThat(hosts.files(h))
        .contains("f 755 " + supervisorSize() + " /opt/booty/bin/booty-supervise")
        .anyMatch(f -> f.endsWith(" /var/lib/booty/log/sleeper.log"));

    // start again, then uninstall stops it and removes everything
    on(
        h,
        install -> {
          install.start(sleeper);
          return null;
        });
    assertThat(hosts.processes(h)).hasSize(2);
    on(h, HostInstall::uninstall);
    assertThat(hosts.processes(h)).isEmpty();
    assertThat(hosts.files(h)).isEqualTo(before);
  }

  @Test
  void anInstallThatFailsAfterTheFirstFileIsRolledBackOrFinished() {
    SshTestHosts.Host h = hosts.host(2);
    List<String> before = hosts.files(h);
    List<InstallFile> broken =
        List.of(files.get(0), new InstallFile(home.resolve("vanished"), "etc/agent.hcl", 0600));

    assertThatThrownBy(() -> on(h, install -> install.install(broken)))
        .hasMessageContaining("vanished");
    HostManifest manifest = HostManifest.of(manifests, spec(h));
    assertThat(manifest.entries())
        .extracting(e -> e.kind() + " " + e.value())
        .containsExactly("DIR /opt/booty", "DIR /opt/booty/bin", "FILE /opt/booty/bin/agent");
    assertThat(hosts.files(h)).contains("f 755 3145728 /opt/booty/bin/agent");

    // rolled back: exactly as before
    on(h, HostInstall::uninstall);
    assertThat(hosts.files(h)).isEqualTo(before);
    assertThat(manifest.file()).doesNotExist();

    // failed again, then finished by the next install, which copies only what is missing
    assertThatThrownBy(() -> on(h, install -> install.install(broken)))
        .hasMessageContaining("vanished");
    int copied = on(h, install -> install.install(files));
    assertThat(copied).isEqualTo(1);
    assertThat(hosts.files(h)).hasSize(5);
    on(h, HostInstall::uninstall);
    assertThat(hosts.files(h)).isEqualTo(before);
  }

  @Test
  void aCrashRightAfterWritingAheadIsCleanedUp() {
    SshTestHosts.Host h = hosts.host(1);
    List<String> before = hosts.files(h);
    on(h, install -> install.install(files.subList(0, 1)));
    // the process died after recording the next changes, before (or while) making them
    HostManifest crashed = HostManifest.of(manifests, spec(h));
    crashed.record(Kind.DIR, "/opt/booty/etc");
    crashed.record(Kind.FILE, "/opt/booty/etc/agent.hcl");
    crashed.record(Kind.SUPERVISED, "agent");

    HostInstall.Uninstalled u = on(h, HostInstall::uninstall);
    assertThat(u.keptDirectories()).isEmpty();
    assertThat(hosts.files(h)).isEqualTo(before);
    assertThat(hosts.processes(h)).isEmpty();
    assertThat(crashed.file()).doesNotExist();
  }

  @Test
  void uninstallKeepsDirectoriesThatHoldSomethingElse() {
    SshTestHosts.Host h = hosts.host(1);
    on(h, install -> install.install(files));
    try (SshConnection ssh = SshConnection.connect(spec(h), KnownHosts.inHome(home), TIMEOUT)) {
      ssh.check("echo mine > /opt/booty/etc/users-own-file", TIMEOUT);
    }
    HostInstall.Uninstalled u = on(h, HostInstall::uninstall);
    assertThat(u.keptDirectories()).containsExactly("/opt/booty/etc", "/opt/booty");
    assertThat(hosts.files(h))
        .containsExactly(
            "d 755 - /opt/booty",
            "d 755 - /opt/booty/etc",
            "f 644 5 /opt/booty/etc/users-own-file");
  }

  private static long supervisorSize() throws Exception {
    try (var in = HostInstall.class.getResourceAsStream("/ssh/booty-supervise.sh")) {
      return in.readAllBytes().length;
    }
  }

  private static <T> T await(Supplier<Optional<T>> probe) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<T> found = probe.get();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not seen within 10 s");
  }
}

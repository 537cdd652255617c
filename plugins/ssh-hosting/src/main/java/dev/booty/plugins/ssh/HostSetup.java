package dev.booty.plugins.ssh;

import dev.booty.api.PluginContext;
import dev.booty.api.StackSecurity.IssuedCertificate;
import dev.booty.plugins.ssh.HostInstall.InstallFile;
import dev.booty.plugins.ssh.HostInstall.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One host made into a node of a data centre: binaries, the host's certificate, the agents'
 * configurations, then Consul and (once Consul answers) Nomad started. Every change goes through
 * {@link HostInstall}, so the host's manifest names it before it is made.
 */
final class HostSetup {
  private final PluginContext ctx;
  private final KnownHosts knownHosts;
  private final HostManifest manifest;
  private final HostAgents agents;
  private final Duration connect;

  HostSetup(
      PluginContext ctx,
      KnownHosts knownHosts,
      HostManifest manifest,
      HostAgents agents,
      Duration connect) {
    this.ctx = ctx;
    this.knownHosts = knownHosts;
    this.manifest = manifest;
    this.agents = agents;
    this.connect = connect;
  }

  /**
   * Installs and starts the agents (what runs already is left running).
   *
   * @param components the binaries, Nomad's and Consul's first
   */
  void install(List<InstallFile> components, Duration consulAnswers) {
    SshHostSpec host = agents.host();
    Layout layout = SshHosting.LAYOUT;
    try (SshConnection ssh = SshConnection.connect(host, knownHosts, connect)) {
      HostInstall install = new HostInstall(ssh, manifest, layout);
      // a new Nomad or Consul binary restarts the agents; nats-server binaries are for jobs
      boolean changed = install.install(components.subList(0, 2)) > 0;
      install.install(components.subList(2, components.size()));
      Path ca = agents.stack().security().caCertificate();
      if (certificateCurrent(ssh, layout, ca)) {
        // the host keeps its certificate (and key); only a new CA file would be copied
        changed |= install.install(List.of(new InstallFile(ca, HostAgents.CA, 0644))) > 0;
      } else {
        Path tls = issue();
        try {
          install.install(
              List.of(
                  new InstallFile(tls.resolve("agent-ca.pem"), HostAgents.CA, 0644),
                  new InstallFile(tls.resolve("agent.pem"), HostAgents.CERTIFICATE, 0644),
                  new InstallFile(tls.resolve("agent-key.pem"), HostAgents.KEY, 0600)));
        } finally {
          deleteTree(tls);
        }
        changed = true;
      }
      changed |=
          install.write(
              HostAgents.READER_TOKEN,
              agents.stack().security().consulReaderToken().getBytes(StandardCharsets.UTF_8),
              0600);
      changed |=
          install.write(
              HostAgents.NOMAD_CONFIG,
              agents.nomadConfig(layout).getBytes(StandardCharsets.UTF_8),
              0600);
      changed |=
          install.write(
              HostAgents.CONSUL_CONFIG,
              agents.consulConfig(layout).getBytes(StandardCharsets.UTF_8),
              0600);
      if (changed) {
        // agents read binaries, certificates and configurations at start: running ones restart
        // (nothing runs on a first install; stop is then a no-op)
        install.stop("nomad");
        install.stop("consul");
      }
      install.dataDirectory("consul");
      install.dataDirectory("nomad");
      String consul = layout.install(components.get(1).path());
      String nomad = layout.install(components.get(0).path());
      install.start(agents.consulService(consul, layout));
      SshConnection.Result answered =
          ssh.exec(
              agents.awaitConsul(consul, layout, (int) consulAnswers.toSeconds()),
              consulAnswers.plusSeconds(10));
      if (!answered.ok()) {
        throw new SshHostException(
            host,
            "its Consul agent did not answer on "
                + agents.consulHttps()
                + " within "
                + consulAnswers.toSeconds()
                + " s; "
                + logTail(ssh, install, "consul"));
      }
      install.start(agents.nomadService(nomad, layout));
    }
  }

  /** Stops the agents and removes everything the host's manifest names. */
  static HostInstall.Uninstalled uninstall(
      SshHostSpec host, KnownHosts knownHosts, HostManifest manifest, Duration connect) {
    try (SshConnection ssh = SshConnection.connect(host, knownHosts, connect)) {
      return new HostInstall(ssh, manifest, SshHosting.LAYOUT).uninstall();
    }
  }

  /**
   * Whether the host's certificate can stay: signed by booty's CA, for exactly this host's names,
   * and valid for at least another 30 days. A re-provision then changes nothing on the host.
   */
  private boolean certificateCurrent(SshConnection ssh, Layout layout, Path caFile) {
    SshConnection.Result r =
        ssh.exec(
            "cat " + SshConnection.quote(layout.install(HostAgents.CERTIFICATE)),
            Duration.ofSeconds(10));
    if (!r.ok() || !r.stdout().contains("BEGIN CERTIFICATE")) {
      return false;
    }
    try (var in = Files.newInputStream(caFile)) {
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      X509Certificate ca = (X509Certificate) x509.generateCertificate(in);
      X509Certificate cert =
          (X509Certificate)
              x509.generateCertificate(
                  new java.io.ByteArrayInputStream(r.stdout().getBytes(StandardCharsets.US_ASCII)));
      cert.verify(ca.getPublicKey());
      Set<String> names = new HashSet<>();
      if (cert.getSubjectAlternativeNames() != null) {
        for (List<?> san : cert.getSubjectAlternativeNames()) {
          names.add(String.valueOf(san.get(1)));
        }
      }
      return names.equals(Set.copyOf(agents.certificateNames()))
          && cert.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(30)));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** The host's certificate, issued into a private temp folder removed after the upload. */
  private Path issue() {
    try {
      Path dir = Files.createTempDirectory(tempRoot(), "tls-");
      IssuedCertificate cert = ctx.issueCertificate("agent", agents.certificateNames(), dir);
      // the CA is copied too, under a name of its own in the folder
      Files.copy(cert.caCertificate(), dir.resolve("agent-ca.pem"));
      if (!cert.certificate().equals(dir.resolve("agent.pem"))) {
        Files.copy(cert.certificate(), dir.resolve("agent.pem"));
      }
      if (!cert.key().equals(dir.resolve("agent-key.pem"))) {
        Files.copy(cert.key(), dir.resolve("agent-key.pem"));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(
          agents.host().label() + ": cannot issue its certificate: " + e.getMessage(), e);
    }
  }

  private Path tempRoot() throws IOException {
    Path root = ctx.workDir().resolve("tls");
    Files.createDirectories(root);
    return root;
  }

  private static String logTail(SshConnection ssh, HostInstall install, String service) {
    String command =
        install.systemd()
            ? "journalctl -u booty-" + service + " -n 20 --no-pager"
            : "tail -n 20 " + SshConnection.quote(install.logFile(service));
    SshConnection.Result r = ssh.exec(command, Duration.ofSeconds(10));
    return "its log ends:\n" + r.stdout().strip();
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir, e);
    }
  }
}

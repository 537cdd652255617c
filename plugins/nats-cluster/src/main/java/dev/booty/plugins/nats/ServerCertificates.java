package dev.booty.plugins.nats;

import dev.booty.api.PluginContext;
import dev.booty.api.StackSecurity;
import dev.booty.plugins.nats.ServerLayout.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Each server's TLS certificate, issued by booty's CA for the server's host name and address (the
 * names its routes, gateways and clients reach it by) and kept in the plugin's work folder ({@code
 * tls/SERVER.pem}, {@code tls/SERVER-key.pem}, mode 600). A certificate is issued again only when
 * it no longer fits: another CA, other names, or less than {@link #RENEW_BEFORE} left; so planning
 * twice gives the same jobs, and a deploy does not restart servers for new certificates.
 */
final class ServerCertificates {
  /** A certificate with less time left than this is issued again. */
  static final Duration RENEW_BEFORE = Duration.ofDays(30);

  /** What a server's task gets, in PEM: booty's CA, its certificate and its private key. */
  record Pem(String ca, String certificate, String key) {
    @Override
    public String toString() {
      return "Pem[key hidden]";
    }
  }

  private ServerCertificates() {}

  /** The server's certificate, issued first when there is none that fits. */
  static Pem of(PluginContext ctx, Server server) {
    StackSecurity security =
        ctx.security()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "cluster option tls: this booty home has no CA to issue the servers'"
                            + " certificates; 'booty up' makes one"));
    Path dir = ctx.workDir().resolve("tls");
    Path cert = dir.resolve(server.name() + ".pem");
    Path key = dir.resolve(server.name() + "-key.pem");
    List<String> names = List.of(server.hostName(), server.address());
    if (!fits(cert, key, security.caCertificate(), names)) {
      ctx.issueCertificate(server.name(), names, dir);
    }
    return new Pem(read(security.caCertificate()), read(cert), read(key));
  }

  /** Whether {@code cert} (with its key) is the CA's, for exactly {@code names}, and not ending. */
  static boolean fits(Path cert, Path key, Path ca, List<String> names) {
    if (!Files.isRegularFile(cert) || !Files.isRegularFile(key)) {
      return false;
    }
    try {
      X509Certificate c = certificate(cert);
      c.verify(certificate(ca).getPublicKey());
      if (c.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
        return false;
      }
      Set<String> sans = new HashSet<>();
      if (c.getSubjectAlternativeNames() != null) {
        c.getSubjectAlternativeNames().forEach(san -> sans.add(String.valueOf(san.get(1))));
      }
      return sans.equals(Set.copyOf(names));
    } catch (IOException | GeneralSecurityException e) {
      return false;
    }
  }

  private static X509Certificate certificate(Path file)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}

package dev.booty.core.security;

import dev.booty.api.StackSecurity;
import dev.booty.api.StackSecurity.IssuedCertificate;
import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.core.util.BasicAuth;
import dev.booty.core.util.FileTrees;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The control plane's credentials in the booty home:
 *
 * <pre>
 * security/ca.pem, ca-key.pem        booty's CA ({@link BootyCa})
 * security/tokens.json               Nomad's and Consul's tokens, Consul's gossip key ({@link StackSecrets})
 * security/booty.pem, booty-key.pem  booty's own client certificate
 * </pre>
 *
 * All mode 600. Made by the first {@code booty up}; kept by {@code down} and {@code down --purge}
 * (a purged stack comes back with the same tokens); removed only by deleting the home.
 */
public final class StackCredentials {
  private final Path dir;
  private final BootyCa ca;
  private final StackSecrets secrets;
  private final IssuedCertificate client;

  private StackCredentials(Path dir, BootyCa ca, StackSecrets secrets, IssuedCertificate client) {
    this.dir = dir;
    this.ca = ca;
    this.secrets = secrets;
    this.client = client;
  }

  public static Path dir(BootyHome home) {
    return home.root().resolve("security");
  }

  /** Whether this home's stack runs with credentials (a home made before them does not). */
  public static boolean present(BootyHome home) {
    return Files.exists(dir(home).resolve("tokens.json"));
  }

  /** The credentials, made first where missing (the CA, the tokens, booty's certificate). */
  public static StackCredentials ensure(BootyHome home) {
    Path dir = dir(home);
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw BootyException.failure("cannot make " + dir + ": " + e.getMessage());
    }
    BootyCa ca = BootyCa.loadOrCreate(dir);
    StackSecrets secrets = StackSecrets.loadOrCreate(dir.resolve("tokens.json"));
    try {
      FileTrees.writeAtomically(dir.resolve("metrics.password"), secrets.metricsPassword(), true);
    } catch (IOException e) {
      throw BootyException.failure("cannot write " + dir.resolve("metrics.password") + ": " + e);
    }
    Path cert = dir.resolve("booty.pem");
    IssuedCertificate client =
        ca.signed(cert, Duration.ofDays(30)) && Files.exists(dir.resolve("booty-key.pem"))
            ? new IssuedCertificate(cert, dir.resolve("booty-key.pem"), ca.certificateFile())
            : ca.issue("booty", "booty", List.of("booty", "localhost", "127.0.0.1"), dir);
    return new StackCredentials(dir, ca, secrets, client);
  }

  /**
   * Nomad's or Consul's HTTP API at {@code port} on loopback: HTTPS when the stack has credentials
   * (they serve nothing else then), plain HTTP for a stack made before booty secured it.
   */
  public static String apiUrl(Optional<StackSecurity> security, int port) {
    return (security.isPresent() ? "https" : "http") + "://127.0.0.1:" + port;
  }

  /** The user VictoriaMetrics asks for (basic auth). */
  public static final String METRICS_USER = "booty";

  /**
   * VictoriaMetrics at {@code port} on loopback, with its basic-auth credentials in the URL's user
   * info when the home has them ({@link dev.booty.core.util.BasicAuth} sends and hides them).
   */
  public static URI victoriaMetrics(BootyHome home, int port) {
    URI plain = URI.create("http://127.0.0.1:" + port);
    if (!present(home)) {
      return plain;
    }
    String password = StackSecrets.load(dir(home).resolve("tokens.json")).metricsPassword();
    return password == null ? plain : BasicAuth.with(plain, METRICS_USER, password);
  }

  /** The file VictoriaMetrics reads its password from ({@code -httpAuth.password=file://}). */
  public Path metricsPasswordFile() {
    return dir.resolve("metrics.password");
  }

  /** The stack's credentials as booty and plugins use them; empty for a home without them. */
  public static Optional<StackSecurity> load(BootyHome home) {
    if (!present(home)) {
      return Optional.empty();
    }
    Path dir = dir(home);
    StackSecrets s = StackSecrets.load(dir.resolve("tokens.json"));
    return Optional.of(security(dir, s, nomadToken(s, System.getenv(NOMAD_TOKEN_FILE_ENV))));
  }

  /**
   * Names the file of the Nomad token a booty process that Nomad runs uses instead of booty's
   * management token: the watchdog's, with only the policy it needs ({@code booty-watchdog}).
   */
  public static final String NOMAD_TOKEN_FILE_ENV = "BOOTY_NOMAD_TOKEN_FILE";

  /**
   * The Nomad token to use: the one in {@code tokenFile} when given, else booty's management one.
   */
  static String nomadToken(StackSecrets s, String tokenFile) {
    if (tokenFile == null || tokenFile.isBlank()) {
      return s.nomadManagement();
    }
    try {
      String token = Files.readString(Path.of(tokenFile)).strip();
      if (token.isEmpty()) {
        throw BootyException.failure(NOMAD_TOKEN_FILE_ENV + "=" + tokenFile + " is empty");
      }
      return token;
    } catch (IOException e) {
      throw BootyException.failure(
          "cannot read the Nomad token in " + NOMAD_TOKEN_FILE_ENV + "=" + tokenFile + ": " + e);
    }
  }

  private static StackSecurity security(Path dir, StackSecrets s) {
    return security(dir, s, s.nomadManagement());
  }

  private static StackSecurity security(Path dir, StackSecrets s, String nomadToken) {
    return new StackSecurity(
        dir.resolve("ca.pem"),
        dir.resolve("booty.pem"),
        dir.resolve("booty-key.pem"),
        nomadToken,
        s.consulManagement(),
        s.consulAgent(),
        s.consulNomad(),
        s.gossipKey(),
        s.consulReader());
  }

  public StackSecurity security() {
    return security(dir, secrets);
  }

  public StackSecrets secrets() {
    return secrets;
  }

  public BootyCa ca() {
    return ca;
  }

  /**
   * A certificate for a service of the stack, issued again only when the one in {@code dir} is
   * missing, not signed by this CA, or has less than a month left.
   */
  public IssuedCertificate serviceCertificate(String name, List<String> names, Path dir) {
    Path cert = dir.resolve(name + ".pem");
    Path key = dir.resolve(name + "-key.pem");
    if (Files.exists(key) && ca.signed(cert, Duration.ofDays(30)) && sameNames(cert, names)) {
      return new IssuedCertificate(cert, key, ca.certificateFile());
    }
    return ca.issue(name, names.get(0), names, dir);
  }

  private boolean sameNames(Path cert, List<String> names) {
    return ca.names(cert).equals(java.util.Set.copyOf(names));
  }
}

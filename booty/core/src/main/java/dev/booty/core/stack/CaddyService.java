package dev.booty.core.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.api.StackHttp;
import dev.booty.api.StackSecurity.IssuedCertificate;
import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.core.install.InstalledVersion;
import dev.booty.core.security.StackCredentials;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Json;
import dev.booty.core.util.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Caddy, the stack's one front door: booty's page (the dashboard, which runs in the supervisor)
 * plus the Nomad, Consul and VictoriaMetrics UIs, each on its own loopback port behind basic auth.
 * The template is {@code caddy/Caddyfile} in the repository. The password is generated on the first
 * boot and printed once; only its bcrypt hash (made by {@code caddy hash-password}) is kept, in
 * {@code stack/caddy/auth.json}. Caddy adds the dashboard's secret ({@link #dashboardSecret}) to
 * every request it passes to the dashboard, so nothing can go around the password.
 *
 * <p>Every port serves HTTPS only, with a certificate from booty's CA ({@link #certificate}),
 * issued again like the other services' (missing, foreign, renamed or within a month of expiry): a
 * browser trusts it once it trusts the CA ({@code booty ca export}), booty's own clients trust the
 * CA alone. Caddy's automatic HTTPS stays off: no ACME, no internal CA of its own, no redirects.
 */
public final class CaddyService {
  public static final String NAME = "caddy";
  public static final String USER = "booty";

  /** The address every port of the front door binds to (Caddy's {@code default_bind}). */
  public static final String ADDRESS = "127.0.0.1";

  private CaddyService() {}

  /** Creates the front door's credentials when there are none; returns a new password once. */
  public static Optional<String> ensureCredentials(StackContext ctx) throws IOException {
    Path auth = authFile(ctx);
    if (Files.isRegularFile(auth)) {
      return Optional.empty();
    }
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    InstalledVersion caddy = ctx.installed("caddy");
    StringBuilder out = new StringBuilder();
    ProcessRunner.Result r =
        ProcessRunner.run(
            List.of(ctx.binary(caddy).toString(), "hash-password", "--plaintext", password),
            null,
            Map.of(),
            Duration.ofSeconds(60),
            line -> out.append(line.strip()));
    String hash = out.toString();
    if (!r.ok() || !hash.startsWith("$2")) {
      throw BootyException.failure("caddy hash-password failed: " + r.output());
    }
    FileTrees.writeAtomically(
        auth, Json.MAPPER.writeValueAsString(Map.of("user", USER, "hash", hash)), true);
    return Optional.of(password);
  }

  public static ServiceSpec describe(StackContext ctx, StackCredentials creds) throws IOException {
    InstalledVersion caddy = ctx.installed("caddy");
    Path dir = ctx.serviceDir(NAME);
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    JsonNode auth = Json.MAPPER.readTree(authFile(ctx).toFile());
    StackPorts p = ctx.ports();
    IssuedCertificate tls =
        creds.serviceCertificate(NAME, certificateNames(), ctx.home().stack().frontDoorTls());
    String caddyfile =
        template()
            .replace("@@ADDRESS@@", ADDRESS)
            .replace("@@TLS_CERT@@", tls.certificate().toString())
            .replace("@@TLS_KEY@@", tls.key().toString())
            .replace("@@ADMIN_PORT@@", String.valueOf(p.get("caddy.admin")))
            .replace("@@ADMIN_SOCKET@@", dir.resolve("admin.sock").toString())
            .replace("@@METRICS_TOKEN@@", creds.secrets().metricsPassword())
            .replace("@@USER@@", auth.path("user").asText())
            .replace("@@PASSWORD_HASH@@", auth.path("hash").asText())
            .replace("@@HTTP_PORT@@", String.valueOf(p.get("caddy.http")))
            .replace("@@DASHBOARD_UPSTREAM@@", String.valueOf(p.get("dashboard")))
            .replace("@@DASHBOARD_SECRET@@", dashboardSecret(ctx))
            .replace("@@NOMAD_PORT@@", String.valueOf(p.get("caddy.nomad")))
            .replace("@@NOMAD_UPSTREAM@@", String.valueOf(p.get("nomad.http")))
            .replace("@@CONSUL_PORT@@", String.valueOf(p.get("caddy.consul")))
            .replace("@@CONSUL_UPSTREAM@@", String.valueOf(p.get("consul.http")))
            .replace("@@VM_PORT@@", String.valueOf(p.get("caddy.victoria-metrics")))
            .replace("@@VM_UPSTREAM@@", String.valueOf(p.get("victoria-metrics.http")))
            .replace("@@CA_FILE@@", creds.security().caCertificate().toString())
            .replace("@@CLIENT_CERT@@", creds.security().clientCertificate().toString())
            .replace("@@CLIENT_KEY@@", creds.security().clientKey().toString())
            .replace("@@CONSUL_UI_TOKEN@@", creds.secrets().consulReader())
            .replace(
                "@@VM_AUTH@@",
                java.util.Base64.getEncoder()
                    .encodeToString(
                        (StackCredentials.METRICS_USER + ":" + creds.secrets().metricsPassword())
                            .getBytes(StandardCharsets.UTF_8)))
            // read per request: the token exists only once Nomad is up (Nomad makes its secrets)
            .replace("@@NOMAD_UI_TOKEN_FILE@@", NomadService.operatorTokenFile(creds).toString());
    Path file = dir.resolve("Caddyfile");
    FileTrees.writeAtomically(file, caddyfile, true);

    String front = frontDoor(p);
    return new ServiceSpec(
        NAME,
        "caddy",
        caddy.version(),
        List.of(
            ctx.binary(caddy).toString(),
            "run",
            "--config",
            file.toString(),
            "--adapter",
            "caddyfile"),
        Map.of(
            "HOME",
            dir.toString(),
            "XDG_DATA_HOME",
            dir.resolve("data").toString(),
            "XDG_CONFIG_HOME",
            dir.resolve("config").toString()),
        dir,
        ConsulService.ports(
            p,
            "caddy.admin",
            "caddy.http",
            "caddy.nomad",
            "caddy.consul",
            "caddy.victoria-metrics"),
        front,
        unauthorised(front, tls.caCertificate()),
        List.of(NomadService.NAME, VictoriaMetricsService.NAME));
  }

  /**
   * The names the front door's certificate is good for: those a browser on this machine uses, and
   * the address it binds to.
   */
  static List<String> certificateNames() {
    return List.copyOf(new LinkedHashSet<>(List.of("localhost", "127.0.0.1", ADDRESS)));
  }

  /** The front door's certificate ({@code stack/caddy/tls/caddy.pem}, its key beside it). */
  public static Path certificate(BootyHome home) {
    return home.stack().frontDoorTls().resolve(NAME + ".pem");
  }

  /** booty's page: the front door's {@code caddy.http} port. */
  public static String frontDoor(StackPorts p) {
    return url(p, "caddy.http");
  }

  /** The URL of one of the front door's ports ({@code caddy.http}, {@code caddy.nomad}, ...). */
  public static String url(StackPorts p, String port) {
    return "https://" + ADDRESS + ":" + p.get(port);
  }

  /**
   * Healthy when the front door answers over HTTPS (trusting booty's CA) and asks for the password.
   */
  private static HealthCheck unauthorised(String url, Path ca) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .sslContext(StackHttp.trusting(ca))
            .build();
    return () -> {
      try {
        var r =
            client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .timeout(Duration.ofSeconds(3))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        return r.statusCode() == 401
            ? HealthCheck.Result.ok("serving, auth required")
            : HealthCheck.Result.failed(
                "GET " + url + " answered " + r.statusCode() + " instead of 401");
      } catch (IOException e) {
        return HealthCheck.Result.failed("GET " + url + ": " + e.getClass().getSimpleName());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return HealthCheck.Result.failed("interrupted");
      }
    };
  }

  /** Where the dashboard's front-door secret is kept: {@code stack/dashboard/secret}, mode 600. */
  public static Path dashboardSecretFile(StackContext ctx) {
    return ctx.serviceDir("dashboard").resolve("secret");
  }

  /**
   * The secret Caddy sends the dashboard in {@code X-Booty-Front-Door}: made on first use, then
   * kept, so a restarted supervisor and Caddy agree without passing it around.
   */
  public static String dashboardSecret(StackContext ctx) throws IOException {
    Path file = dashboardSecretFile(ctx);
    if (Files.isRegularFile(file)) {
      String s = Files.readString(file).strip();
      if (s.length() >= 16) {
        return s;
      }
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String s = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    FileTrees.writeAtomically(file, s + "\n", true);
    return s;
  }

  private static Path authFile(StackContext ctx) {
    return ctx.serviceDir(NAME).resolve("auth.json");
  }

  private static String template() throws IOException {
    try (InputStream in =
        CaddyService.class.getClassLoader().getResourceAsStream("caddy/Caddyfile")) {
      if (in == null) {
        throw BootyException.failure("the Caddyfile template is missing from booty's jars");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

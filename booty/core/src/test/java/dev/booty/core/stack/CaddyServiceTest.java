package dev.booty.core.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.install.InstalledVersion;
import dev.booty.core.security.StackCredentials;
import dev.booty.core.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The front door as {@code booty up} renders it: HTTPS only, with a certificate of booty's CA. */
class CaddyServiceTest {
  @TempDir Path root;
  BootyHome home;
  StackContext ctx;
  StackCredentials creds;

  @BeforeEach
  void setUp() throws Exception {
    home = new BootyHome(root);
    for (String component : List.of("caddy", "victoria-metrics")) {
      installed(component);
    }
    ctx =
        new StackContext(
            home,
            StackPorts.load(
                home.stack().ports(), Map.of("caddy.http", 26080, "caddy.admin", 26019)),
            new ComponentStore(home));
    Files.createDirectories(ctx.serviceDir(CaddyService.NAME));
    Files.writeString(
        ctx.serviceDir(CaddyService.NAME).resolve("auth.json"),
        "{\"user\": \"booty\", \"hash\": \"$2a$14$notarealhash\"}");
    creds = StackCredentials.ensure(home);
  }

  /** An installed version as install.json records it (rendering never runs the binary). */
  private void installed(String component) throws Exception {
    Path dir = home.version(component, "1.0.0");
    Files.createDirectories(dir);
    Json.MAPPER.writeValue(
        dir.resolve(InstalledVersion.FILE).toFile(),
        new InstalledVersion(
            component,
            "1.0.0",
            "linux-amd64",
            component,
            "release",
            "test",
            null,
            "0",
            0,
            component + " 1.0.0",
            "2025-01-01T00:00:00Z"));
    Files.writeString(home.activeFile(component), "1.0.0\n");
  }

  @Test
  void everyPortServesHttpsOnLoopbackWithTheCertificateOfBootysCa() throws Exception {
    ServiceSpec spec = CaddyService.describe(ctx, creds);
    String caddyfile = Files.readString(ctx.serviceDir(CaddyService.NAME).resolve("Caddyfile"));
    Path cert = root.resolve("stack/caddy/tls/caddy.pem");
    assertThat(CaddyService.certificate(home)).isEqualTo(cert);
    assertThat(caddyfile.lines().filter(l -> !l.startsWith("#")))
        .as("placeholders left")
        .noneMatch(l -> l.contains("@@"));
    assertThat(caddyfile)
        .contains("\ttls " + cert + " " + root.resolve("stack/caddy/tls/caddy-key.pem") + "\n")
        .contains("auto_https off")
        .contains("default_bind 127.0.0.1")
        .contains("https://127.0.0.1:26080, https://localhost:26080 {")
        .contains("https://127.0.0.1:26019 {");
    // every site block is HTTPS and takes the certificate
    List<String> sites = caddyfile.lines().filter(l -> l.matches("^[a-z]+://.*\\{$")).toList();
    assertThat(sites).hasSize(5).allMatch(l -> l.startsWith("https://"));
    assertThat(caddyfile.split("import booty_https", -1)).hasSize(sites.size() + 1);

    assertThat(creds.ca().signed(cert, Duration.ofDays(300))).isTrue();
    assertThat(creds.ca().names(cert)).containsExactlyInAnyOrder("localhost", "127.0.0.1");
    assertThat(spec.address()).isEqualTo("https://127.0.0.1:26080");
    assertThat(CaddyService.url(ctx.ports(), "caddy.nomad"))
        .isEqualTo("https://127.0.0.1:" + ctx.ports().get("caddy.nomad"));

    // VictoriaMetrics scrapes Caddy's metrics over HTTPS, trusting booty's CA
    VictoriaMetricsService.describe(ctx, creds);
    String scrape =
        Files.readString(ctx.serviceDir(VictoriaMetricsService.NAME).resolve("scrape.yml"));
    assertThat(scrape)
        .contains(
            "  - job_name: caddy\n"
                + "    scheme: https\n"
                + "    tls_config: {ca_file: \""
                + creds.ca().certificateFile()
                + "\"}\n")
        .contains("targets: [\"127.0.0.1:26019\"]");
  }

  @Test
  void theCertificateIsKeptWhileItIsGoodAndIssuedAgainWhenForeign() throws Exception {
    CaddyService.describe(ctx, creds);
    Path cert = CaddyService.certificate(home);
    String first = Files.readString(cert);
    CaddyService.describe(ctx, creds);
    assertThat(Files.readString(cert)).as("a second up keeps it").isEqualTo(first);

    // one signed by another CA (a home's security/ folder replaced, say) is issued again
    StackCredentials other = StackCredentials.ensure(new BootyHome(root.resolve("other")));
    other.serviceCertificate("caddy", List.of("localhost", "127.0.0.1"), cert.getParent());
    assertThat(creds.ca().signed(cert, Duration.ZERO)).isFalse();
    CaddyService.describe(ctx, creds);
    assertThat(creds.ca().signed(cert, Duration.ofDays(300))).isTrue();
    assertThat(Files.readString(cert)).isNotEqualTo(first);
  }
}

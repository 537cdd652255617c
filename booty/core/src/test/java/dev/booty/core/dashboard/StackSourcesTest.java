package dev.booty.core.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.stack.CaddyService;
import dev.booty.core.stack.StackContext;
import dev.booty.core.stack.StackPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSourcesTest {
  @TempDir Path root;

  private StackContext context() {
    BootyHome home = new BootyHome(root);
    return new StackContext(
        home,
        StackPorts.load(home.stack().ports(), Map.of("dashboard", 19390, "caddy.nomad", 19391)),
        new ComponentStore(home));
  }

  @Test
  void theFrontDoorSecretIsMadeOnceOwnerOnlyAndKept() throws Exception {
    StackContext ctx = context();
    String first = CaddyService.dashboardSecret(ctx);
    Path file = root.resolve("stack/dashboard/secret");
    assertThat(CaddyService.dashboardSecretFile(ctx)).isEqualTo(file);
    assertThat(first).hasSizeGreaterThanOrEqualTo(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(CaddyService.dashboardSecret(ctx)).isEqualTo(first);
    assertThat(CaddyService.dashboardSecret(context())).isEqualTo(first);
  }

  @Test
  void theStackConfigUsesTheDashboardPortAndCaddysFrontDoorsForLinks() {
    Dashboard.Config c = StackSources.config(context(), line -> {});
    assertThat(c.port()).isEqualTo(19390);
    assertThat(c.stack().links().nomad()).isEqualTo("https://127.0.0.1:19391/ui/");
    assertThat(c.stack().links().vmui()).isEqualTo("https://127.0.0.1:18083/vmui/");
    assertThat(c.stack().links().dns()).isNull();
    assertThat(c.stack().creds()).isEqualTo(root.resolve("stack/nats/creds/booty.creds"));
    assertThat(c.stack().natsUrl()).isEqualTo("nats://127.0.0.1:14222");
  }

  @Test
  void consulsWorstCheckIsTheServersConsulStatus() {
    assertThat(StackSources.ConsulCatalog.status(List.of("healthz: passing"))).isEqualTo("passing");
    assertThat(StackSources.ConsulCatalog.status(List.of("a: passing", "healthz: warning")))
        .isEqualTo("warning");
    assertThat(StackSources.ConsulCatalog.status(List.of("a: warning", "healthz: critical")))
        .isEqualTo("critical");
  }
}

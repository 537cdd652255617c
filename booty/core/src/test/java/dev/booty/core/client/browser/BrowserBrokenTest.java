package dev.booty.core.client.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.BootyException;
import dev.booty.core.ExitCode;
import dev.booty.core.client.ClientConfig;
import dev.booty.core.client.NatsServerProcess;
import dev.booty.core.testing.TestBinaries;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page that cannot run ends its host at once, with a BROKEN message on the report subject that
 * names the process, the reason and the console's last lines, an error of exit code BROKEN, and no
 * Chromium process or profile folder left behind.
 */
class BrowserBrokenTest {
  /** Detection every second, a BROKEN message, Chromium quit or killed: well within this. */
  private static final Duration ENDS = Duration.ofSeconds(45);

  @TempDir Path dir;

  private BrowserFixture fx;

  @BeforeEach
  void setUp() throws Exception {
    fx = new BrowserFixture();
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  private static List<ClientConfig> clients(String server, int n) {
    List<ClientConfig> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          ClientConfig.builder()
              .id("par-0-" + i)
              .dc("par")
              .servers(server)
              .rate(10)
              .kinds("pubsub")
              .build());
    }
    return out;
  }

  /** The bundled page's index.html beside a main.js of our own. */
  private PageServer.Source page(String mainJs) throws Exception {
    Path page = Files.createDirectories(dir.resolve("page"));
    try (InputStream in = getClass().getResourceAsStream(PageServer.BUNDLED + "index.html")) {
      assertThat(in).as("the bundled index.html").isNotNull();
      Files.write(page.resolve("index.html"), in.readAllBytes());
    }
    Files.writeString(page.resolve("main.js"), mainJs);
    return PageServer.folder(page);
  }

  private static String commandLine(ProcessHandle p) {
    try {
      return Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cmdline"));
    } catch (java.io.IOException e) {
      return "";
    }
  }

  @Test
  void aScriptThatThrowsIsAPageThatDidNotLoadWithItsConsole() throws Exception {
    fx.start(
        fx.settings("b0", clients("ws://127.0.0.1:1", 1)),
        page("console.log('about to fail');\nnoSuchFunction();\n"));
    JsonNode b = broken("b0").path("broken");
    assertThat(b.path("reason").asText()).startsWith("page did not load");
    List<String> console = new ArrayList<>();
    b.path("console").forEach(n -> console.add(n.asText()));
    assertThat(console)
        .anySatisfy(l -> assertThat(l).startsWith("INFO").contains("about to fail"))
        .anySatisfy(
            l -> assertThat(l).startsWith("ERROR").contains("noSuchFunction is not defined"));
    assertEndedBroken("page did not load");
  }

  private JsonNode broken(String run) throws InterruptedException {
    return fx.await(
        ENDS, "BROKEN message", m -> m.has("broken") && run.equals(m.path("run").asText()));
  }

  private void assertEndedBroken(String reasonStart) throws InterruptedException {
    Throwable error = fx.ended(ENDS);
    assertThat(error).isInstanceOf(BootyException.class).hasMessageContaining(reasonStart);
    assertThat(((BootyException) error).exitCode()).isEqualTo(ExitCode.BROKEN);
    fx.assertNothingLeft();
  }

  @Test
  void aScriptThatDoesNotParseIsAPageThatDidNotLoad() throws Exception {
    fx.start(
        fx.settings("b1", clients("ws://127.0.0.1:1", 1)), page("window.booty = {start(config) {"));
    JsonNode msg = broken("b1");
    assertThat(msg.path("v").asInt()).isEqualTo(1);
    JsonNode b = msg.path("broken");
    assertThat(b.path("process").asText()).isEqualTo("par-0");
    assertThat(b.path("dc").asText()).isEqualTo("par");
    assertThat(b.path("group").asText()).isEqualTo("par");
    assertThat(b.path("reason").asText())
        .startsWith("page did not load: window.booty.start is missing");
    List<String> console = new ArrayList<>();
    b.path("console").forEach(n -> console.add(n.asText()));
    assertThat(console).anyMatch(l -> l.startsWith("ERROR") && l.contains("SyntaxError"));
    assertEndedBroken("page did not load");
  }

  @Test
  void aStartThatRejectsIsBrokenWithItsMessage() throws Exception {
    // the real page, told to report to a control plane that is not there
    int closed = TestBinaries.freePort();
    fx.start(fx.settings("b2", clients("ws://127.0.0.1:1", 2), "ws://127.0.0.1:" + closed));
    JsonNode b = broken("b2").path("broken");
    assertThat(b.path("reason").asText())
        .startsWith(
            "booty.start failed: cannot reach the control plane at ws://127.0.0.1:" + closed);
    List<String> console = new ArrayList<>();
    b.path("console").forEach(n -> console.add(n.asText()));
    assertThat(console).anyMatch(l -> l.contains("booty.start failed"));
    assertEndedBroken("booty.start failed");
  }

  @Test
  void aKilledChromiumIsBrokenAndLeavesNothing() throws Exception {
    NatsServerProcess nats = fx.closing(NatsServerProcess.withWebsocket(null));
    List<ClientConfig> configs = clients(nats.wsUrl(), 2);
    List<java.nio.file.Path> singletonsBefore = singletons();
    BrowserHost host = fx.start(fx.settings("b3", configs));
    fx.awaitProgress(Duration.ofSeconds(60), configs.stream().map(ClientConfig::id).toList());
    ProcessHandle browser = host.browser();
    long t0 = System.nanoTime();
    assertThat(browser.destroyForcibly()).isTrue();
    JsonNode b = broken("b3").path("broken");
    assertThat(b.path("reason").asText()).isEqualTo("chromium exited (pid " + browser.pid() + ")");
    assertThat(b.path("console")).isNotEmpty();
    assertEndedBroken("chromium exited");
    // a killed Chromium cannot remove its singleton socket folder: it was in booty's temp folder
    List<java.nio.file.Path> singletons = singletons();
    singletons.removeAll(singletonsBefore);
    assertThat(singletons).as("Chromium's singleton folders left in the system's temp").isEmpty();
    System.err.printf(
        "browser host: a killed chromium ended its host in %d ms%n",
        (System.nanoTime() - t0) / 1_000_000);
  }

  @Test
  void aCrashedTabIsBroken() throws Exception {
    NatsServerProcess nats = fx.closing(NatsServerProcess.withWebsocket(null));
    List<ClientConfig> configs = clients(nats.wsUrl(), 1);
    BrowserHost host = fx.start(fx.settings("b4", configs));
    fx.awaitProgress(Duration.ofSeconds(60), configs.stream().map(ClientConfig::id).toList());
    // Chromium rewrites its children's command lines: Java cannot split them, /proc shows them
    List<ProcessHandle> renderers =
        host.browser()
            .descendants()
            .filter(p -> commandLine(p).contains("--type=renderer"))
            .toList();
    assertThat(renderers).as("the page's renderer process").isNotEmpty();
    renderers.forEach(ProcessHandle::destroyForcibly);
    JsonNode b = broken("b4").path("broken");
    assertThat(b.path("reason").asText()).isEqualTo("tab crashed");
    assertEndedBroken("tab crashed");
  }

  /** Chromium's singleton socket folders in the system's temp folder. */
  private static List<java.nio.file.Path> singletons() throws java.io.IOException {
    try (var l = java.nio.file.Files.list(java.nio.file.Path.of("/tmp"))) {
      return new java.util.ArrayList<>(
          l.filter(p -> p.getFileName().toString().startsWith("org.chromium.Chromium.")).toList());
    }
  }
}

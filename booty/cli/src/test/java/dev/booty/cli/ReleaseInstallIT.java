package dev.booty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.booty.cli.support.Booty;
import dev.booty.cli.support.DemoComponents;
import dev.booty.cli.support.HomeSnapshot;
import dev.booty.cli.support.ReleaseSite;
import dev.booty.core.source.ReleasePublisher.Published;
import dev.booty.core.util.Json;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release source against a real HTTP server on loopback serving real archives. */
class ReleaseInstallIT {
  @TempDir Path tmp;
  Path home;
  ReleaseSite site;
  Booty booty;

  @BeforeEach
  void setUp() throws Exception {
    home = tmp.resolve("home");
    Path manifest = DemoComponents.manifest(tmp);
    site = new ReleaseSite(manifest, tmp);
    booty = new Booty(home, manifest).env("BOOTY_RELEASE_MIRROR", site.baseUrl());
  }

  @AfterEach
  void tearDown() {
    site.close();
  }

  @Test
  void installsEachArchiveFormatVerifiedAndActive() throws Exception {
    for (String c : new String[] {"demo-zip", "demo-tgz", "demo-bin"}) {
      site.publish(c, "1.2.3");
    }
    Booty.Run run = booty.run("install", "demo-zip", "demo-tgz", "demo-bin");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    for (String c : new String[] {"demo-zip", "demo-tgz", "demo-bin"}) {
      Path bin = home.resolve("components/" + c + "/1.2.3/bin/" + c);
      assertThat(bin).isExecutable();
      assertThat(run.out()).contains("✓ " + c + " 1.2.3 installed from release");
      assertThat(Files.readString(home.resolve("components/" + c + "/active")).strip())
          .isEqualTo("1.2.3");
      assertThat(Files.readSymbolicLink(home.resolve("bin/" + c))).isEqualTo(bin);
      JsonNode record =
          Json.MAPPER.readTree(home.resolve("components/" + c + "/1.2.3/install.json").toFile());
      assertThat(record.path("source").asText()).isEqualTo("release");
      assertThat(record.path("versionOutput").asText()).isEqualTo(c + " v1.2.3");
    }
    assertThat(Files.list(home.resolve("tmp"))).isEmpty();

    Booty.Run again = booty.run("install", "demo-zip", "demo-tgz", "demo-bin");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("· demo-zip 1.2.3 already installed (active)");

    Booty.Run status = booty.run("status");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.out()).containsPattern("demo-tgz\\s+1\\.2\\.3\\s+1\\.2\\.3\\s+ok");
  }

  @Test
  void versionsSideBySideWithUseAndUninstall() throws Exception {
    site.publish("demo-zip", "1.2.3");
    site.publish("demo-zip", "1.0.0");
    assertThat(booty.run("install", "demo-zip@1.2.3", "demo-zip@1.0.0").exitCode()).isZero();

    Booty.Run list = booty.run("list", "demo-zip");
    assertThat(list.out())
        .containsPattern("demo-zip\\s+1\\.2\\.3 \\(default\\)\\s+active\\s+release")
        .containsPattern("demo-zip\\s+1\\.0\\.0\\s+installed\\s+release");

    assertThat(booty.run("use", "demo-zip@1.0.0").exitCode()).isZero();
    assertThat(Files.readSymbolicLink(home.resolve("bin/demo-zip")))
        .isEqualTo(home.resolve("components/demo-zip/1.0.0/bin/demo-zip"));

    Booty.Run removed = booty.run("uninstall", "demo-zip@1.0.0");
    assertThat(removed.out()).contains("removed demo-zip@1.0.0; active: demo-zip@1.2.3");
    assertThat(home.resolve("components/demo-zip/1.0.0")).doesNotExist();
    assertThat(Files.readSymbolicLink(home.resolve("bin/demo-zip")))
        .isEqualTo(home.resolve("components/demo-zip/1.2.3/bin/demo-zip"));

    Booty.Run notThere = booty.run("uninstall", "demo-zip@1.0.0");
    assertThat(notThere.exitCode()).isEqualTo(1);
    assertThat(notThere.err()).contains("demo-zip@1.0.0 is not installed (installed: 1.2.3)");
  }

  @Test
  void tamperedArchiveIsRejectedNamingBothChecksumsAndHomeIsUnchanged() throws Exception {
    site.publish("demo-zip", "1.2.3");
    assertThat(booty.run("install", "demo-zip").exitCode()).isZero();
    Published published = site.publish("demo-tgz", "1.2.3");
    byte[] bytes = Files.readAllBytes(published.archive());
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(published.archive(), bytes);
    String actual = dev.booty.core.util.Digests.hex("sha512", published.archive());
    Map<String, String> before = HomeSnapshot.of(home);

    Booty.Run run = booty.run("install", "demo-tgz");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("demo-tgz 1.2.3: checksum mismatch")
        .contains("expected sha512 " + published.digest())
        .contains("got " + actual);
    assertThat(HomeSnapshot.of(home)).isEqualTo(before);
  }

  @Test
  void truncatedDownloadIsRejectedAndHomeIsUnchanged() throws Exception {
    site.publish("demo-zip", "1.2.3");
    assertThat(booty.run("install", "demo-zip").exitCode()).isZero();
    Published published = site.publish("demo-bin", "1.2.3");
    byte[] full = Files.readAllBytes(published.archive());
    String sums = Files.readString(published.checksums());
    HttpServer liar = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    liar.createContext(
        "/",
        ex -> {
          if (ex.getRequestURI().getPath().endsWith("SUMS")) {
            byte[] b = sums.getBytes();
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
          } else {
            ex.sendResponseHeaders(200, full.length);
            OutputStream body = ex.getResponseBody();
            body.write(full, 0, full.length / 3);
            body.flush();
          }
          ex.close();
        });
    liar.start();
    try {
      booty.env("BOOTY_RELEASE_MIRROR", "http://127.0.0.1:" + liar.getAddress().getPort());
      Map<String, String> before = HomeSnapshot.of(home);
      Booty.Run run = booty.run("install", "--source", "release", "demo-bin");
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).containsPattern("truncated|broke off");
      assertThat(HomeSnapshot.of(home)).isEqualTo(before);
    } finally {
      liar.stop(0);
    }
  }

  @Test
  void unreachableSourcesAreAllReportedAndNothingIsInstalled() throws Exception {
    booty.env("BOOTY_RELEASE_MIRROR", "http://127.0.0.1:9");
    Booty.Run run = booty.run("install", "demo-zip");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("demo-zip@1.2.3: no source could provide it; the booty home is unchanged")
        .contains("release: cannot reach http://127.0.0.1:9/demo-zip/v1.2.3/SHA256SUMS")
        .contains("go: demo-zip has no Go module source");
    assertThat(home.resolve("components/demo-zip")).doesNotExist();
  }

  @Test
  void binaryAnsweringTheWrongVersionIsRejected() throws Exception {
    site.publish("demo-bin", "1.0.0", "9.9.9");
    Booty.Run run = booty.run("install", "demo-bin@1.0.0");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "demo-bin 1.0.0: the binary does not answer its version command with 'demo-bin v1.0.0'")
        .contains("demo-bin v9.9.9");
    assertThat(home.resolve("components/demo-bin")).doesNotExist();
  }

  @Test
  void jsonOutputForScripts() throws Exception {
    site.publish("demo-zip", "1.2.3");
    Booty.Run run = booty.run("install", "--json", "demo-zip", "demo-tgz");
    assertThat(run.exitCode()).isEqualTo(1); // demo-tgz is not published
    JsonNode json = Json.MAPPER.readTree(run.out());
    assertThat(json.path("results").get(0).path("status").asText()).isEqualTo("installed");
    assertThat(json.path("results").get(0).path("sha256").asText()).hasSize(64);
    assertThat(json.path("errors").path("demo-tgz").asText())
        .contains("no source could provide it");
  }

  @Test
  void concurrentInstallsInOneProcessInstallOnce() throws Exception {
    site.publish("demo-tgz", "1.2.3");
    CompletableFuture<Booty.Run> a =
        CompletableFuture.supplyAsync(() -> booty.run("install", "--json", "demo-tgz"));
    CompletableFuture<Booty.Run> b =
        CompletableFuture.supplyAsync(() -> booty.run("install", "--json", "demo-tgz"));
    String statuses =
        Json.MAPPER.readTree(a.get().out()).path("results").get(0).path("status").asText()
            + ","
            + Json.MAPPER.readTree(b.get().out()).path("results").get(0).path("status").asText();
    assertThat(statuses).isIn("installed,already-installed", "already-installed,installed");
    assertThat(booty.run("status").exitCode()).isZero();
  }

  @Test
  void concurrentInstallProcessesTakeTurnsOnTheHome() throws Exception {
    site.publish("demo-tgz", "1.2.3");
    site.publish("demo-zip", "1.2.3");
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process[] procs = new Process[4];
    for (int i = 0; i < procs.length; i++) {
      ProcessBuilder pb =
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  Main.class.getName(),
                  "install",
                  "--json",
                  i % 2 == 0 ? "demo-tgz" : "demo-zip")
              .redirectErrorStream(false);
      pb.environment().put("BOOTY_HOME", home.toString());
      pb.environment().put("BOOTY_MANIFEST", tmp.resolve("demo-components.yaml").toString());
      pb.environment().put("BOOTY_RELEASE_MIRROR", site.baseUrl());
      procs[i] = pb.start();
    }
    java.util.List<String> statuses = new java.util.ArrayList<>();
    for (Process p : procs) {
      String out = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor()).as(out).isZero();
      statuses.add(Json.MAPPER.readTree(out).path("results").get(0).path("status").asText());
    }
    assertThat(statuses).filteredOn("installed"::equals).hasSize(2);
    assertThat(statuses).filteredOn("already-installed"::equals).hasSize(2);
    assertThat(Files.list(home.resolve("tmp"))).isEmpty();
    assertThat(booty.run("status").exitCode()).isZero();
  }
}

package dev.booty.core.nomad;

import static dev.booty.core.testing.TestBinaries.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.testing.TestBinaries;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Nomad SDK on booty's class path against a real Nomad: a server alone on free loopback ports;
 * the SDK lists and stops a job registered over HTTP.
 */
class NomadHttpIT {
  @TempDir Path dir;
  Process nomad;

  @AfterEach
  void stop() throws InterruptedException {
    if (nomad != null) {
      nomad.destroy();
      nomad.waitFor();
    }
  }

  @Test
  void theSdkListsAndStopsAJobRegisteredOverHttp() throws Exception {
    int http = freePort();
    Path config = dir.resolve("nomad.hcl");
    Files.writeString(
        config,
        """
        data_dir = "%s"
        bind_addr = "127.0.0.1"
        disable_update_check = true
        ports {
          http = %d
          rpc  = %d
          serf = %d
        }
        advertise {
          http = "127.0.0.1"
          rpc  = "127.0.0.1"
          serf = "127.0.0.1"
        }
        server {
          enabled          = true
          bootstrap_expect = 1
        }
        consul {
          auto_advertise   = false
          server_auto_join = false
          client_auto_join = false
        }
        """
            .formatted(dir.resolve("data"), http, freePort(), freePort()));
    Path log = dir.resolve("nomad.log");
    nomad =
        new ProcessBuilder(
                TestBinaries.binary("nomad").toString(), "agent", "-config=" + config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    TestBinaries.awaitPort(http);

    String leader = "";
    for (int i = 0; i < 100 && !leader.contains("127.0.0.1"); i++) {
      Thread.sleep(100);
      leader = leaderOf(http);
    }
    assertThat(leader).as(Files.readString(log)).contains("127.0.0.1");

    NomadHttp client = new NomadHttp("http://127.0.0.1:" + http);
    assertThat(client.jobs()).isEmpty();

    String hcl =
        """
        job "http-check" {
          datacenters = ["dc1"]
          type        = "batch"
          group "g" {
            task "t" {
              driver = "raw_exec"
              config {
                command = "/bin/true"
              }
            }
          }
        }
        """;
    client.register(client.parse(hcl, "", "http-check.nomad.hcl"));

    assertThat(client.jobs())
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.id()).isEqualTo("http-check");
              assertThat(j.type()).isEqualTo("batch");
              assertThat(j.stopped()).isFalse();
            });
    assertThat(client.stop("http-check", true)).isNotBlank();
    assertThat(client.jobs()).isEmpty();
  }

  private static String leaderOf(int http) throws Exception {
    try (var client = java.net.http.HttpClient.newHttpClient()) {
      return client
          .send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create("http://127.0.0.1:" + http + "/v1/status/leader"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }
}

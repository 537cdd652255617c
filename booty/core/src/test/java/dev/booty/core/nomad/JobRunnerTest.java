package dev.booty.core.nomad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.install.InstalledVersion;
import dev.booty.core.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submission without a Nomad: what decides "unchanged", and the variables' text it hashes. */
class JobRunnerTest {
  private static final String HCL =
      """
      variable "nats_server" {
        type    = string
        default = ""
      }
      variable "nats_server_image" {
        type    = string
        default = ""
      }
      variable "driver" {
        type = string
      }
      variable "servers" {
        type = list(string)
      }
      variable "count" {
        type = number
      }
      job "nats-cluster" {}
      """;

  @TempDir Path root;
  private FakeNomad nomad;
  private ComponentStore store;
  private JobRunner runner;

  @BeforeEach
  void setUp() {
    nomad = new FakeNomad();
    store = new ComponentStore(new BootyHome(root));
    runner = new JobRunner(nomad, store, m -> {});
  }

  private void installActive(String version) throws Exception {
    BootyHome home = new BootyHome(root);
    Path dir = home.version("nats-server", version);
    Files.createDirectories(dir);
    Json.MAPPER.writeValue(
        dir.resolve(InstalledVersion.FILE).toFile(),
        new InstalledVersion(
            "nats-server",
            version,
            "linux-amd64",
            "bin/nats-server",
            "release",
            "test",
            null,
            "0",
            0,
            "v" + version,
            "2025-01-01T00:00:00Z"));
    Files.writeString(home.activeFile("nats-server"), version + "\n");
  }

  private static Map<String, String> vars(String driver) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("servers", "[\"a\", \"b\"]");
    v.put("driver", driver);
    v.put("count", "3");
    v.put("nats_server", "/opt/nats-server");
    v.put("nats_server_image", "");
    return v;
  }

  private JobRunner.Outcome submit(Map<String, String> vars) {
    return runner.submit(
        new JobRunner.Submission(
            HCL,
            "s3-nats-london.nomad.hcl",
            "s3-nats-london",
            vars,
            Map.of("booty_scenario", "s3")));
  }

  @Test
  void aJobIsCreatedThenLeftAloneWhileItsTextAndVariablesAreTheSame() {
    JobRunner.Outcome first = submit(vars("raw_exec"));
    assertThat(first.message()).isEqualTo("created");
    assertThat(first.jobId()).isEqualTo("s3-nats-london");
    assertThat(first.evalId()).isNotNull();
    JsonNode job = nomad.job("s3-nats-london");
    assertThat(job.path("Name").asText()).isEqualTo("s3-nats-london");
    assertThat(job.path("Meta").path("booty_scenario").asText()).isEqualTo("s3");
    assertThat(job.path("Meta").path(JobMeta.SPEC).asText()).hasSize(64);

    // the same values given in another order
    Map<String, String> reordered = new HashMap<>(vars("raw_exec"));
    JobRunner.Outcome second = submit(reordered);
    assertThat(second.message()).isEqualTo("unchanged");
    assertThat(second.evalId()).isNull();
    assertThat(nomad.registered).hasSize(1);
  }

  @Test
  void aChangedVariableUpdatesTheJob() {
    submit(vars("raw_exec"));
    Map<String, String> changed = vars("raw_exec");
    changed.put("count", "4");

    JobRunner.Outcome o = submit(changed);
    assertThat(o.message()).isEqualTo("updated");
    assertThat(o.evalId()).isNotNull();
    assertThat(nomad.registered).hasSize(2);
  }

  @Test
  void aStoppedJobWithTheSameSpecIsSubmittedAgain() {
    submit(vars("raw_exec"));
    nomad.stop("s3-nats-london", false);

    assertThat(submit(vars("raw_exec")).message()).isEqualTo("updated");
    assertThat(nomad.registered).hasSize(2);
  }

  @Test
  void theVariablesTextIsInNameOrderWithLiteralsAsTheyAre() {
    String text = runner.variables(HCL, vars("raw_exec"));

    assertThat(text)
        .isEqualTo(
            """
            count = 3
            driver = "raw_exec"
            nats_server = "/opt/nats-server"
            nats_server_image = ""
            servers = ["a", "b"]
            """);
  }

  @Test
  void anActiveComponentDoesNotChangeTheTextOfValuesGivenInFull() throws Exception {
    String without = runner.variables(HCL, vars("raw_exec"));
    installActive("2.11.4");

    // every declared variable given: what is installed must not move or change a thing, or a
    // new active version would resubmit every job
    assertThat(runner.variables(HCL, vars("raw_exec"))).isEqualTo(without);
  }

  @Test
  void aDeclaredVariableLeftOutGetsTheActiveBinaryOrImage() throws Exception {
    installActive("2.11.4");

    String text = runner.variables(HCL, Map.of("driver", "docker"));
    assertThat(text)
        .contains(
            "nats_server = \""
                + root.resolve("components/nats-server/2.11.4/bin/nats-server").toAbsolutePath()
                + "\"")
        .contains("nats_server_image = \"localhost/booty/nats-server:2.11.4\"");
  }

  @Test
  void aVariableTheFileDoesNotDeclareIsRefusedByName() {
    assertThatThrownBy(() -> runner.variables(HCL, Map.of("replicas", "3")))
        .isInstanceOf(BootyException.class)
        .hasMessage(
            "-var replicas: the job file declares no variable \"replicas\" (it has: count, driver,"
                + " nats_server, nats_server_image, servers)");
  }

  @Test
  void stringsAreQuotedAndEscaped() {
    String text = runner.variables(HCL, Map.of("driver", "a \"b\" \\ c"));

    assertThat(text).isEqualTo("driver = \"a \\\"b\\\" \\\\ c\"\n");
  }

  @Test
  void aDeploymentLineNamesItsGroupsInNameOrderWhateverOrderNomadAnswersIn() throws Exception {
    // Nomad's TaskGroups map comes in any order: the same status must make the same line, or a
    // follower that prints changed lines prints the same status over and over
    String group = "{\"DesiredTotal\":1,\"PlacedAllocs\":1,\"HealthyAllocs\":0}";
    JsonNode one =
        Json.MAPPER.readTree(
            "{\"lon-2\":" + group + ",\"lon-1\":" + group + ",\"lon-3\":" + group + "}");
    JsonNode other =
        Json.MAPPER.readTree(
            "{\"lon-3\":" + group + ",\"lon-1\":" + group + ",\"lon-2\":" + group + "}");

    assertThat(JobRunner.groups(one))
        .isEqualTo(JobRunner.groups(other))
        .startsWith("  [lon-1 desired 1 placed 1 healthy 0 unhealthy 0]  [lon-2");
  }
}

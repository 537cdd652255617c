package dev.booty.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled executable plugin exec-chaos, out of process, in the real distribution on a real
 * stack: listed beside the PF4J plugins, started by {@code plugins info}, named by a scenario step
 * like any chaos mode; killed with SIGKILL in the middle of its inject, the run names it, heals
 * both faults (the exec one in a restarted plugin) and leaves none of its commands behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedStack.class)
class OutOfProcessPluginIT {
  static final String SUBNET = "127.83";
  static final String NAME = "it-exec";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  TestStack stack;

  @BeforeAll
  void up(TestStack shared) {
    stack = shared;
  }

  @AfterAll
  void down() throws Exception {
    if (stack != null) {
      stack.booty.run("chaos", "heal", NAME);
      stack.booty.run("destroy", NAME);
    }
    Distribution.endEverythingUnder(tmp);
  }

  @Test
  @Order(1)
  void listedBesideTheJarsAndStartedByInfo() throws Exception {
    Distribution.Run list = stack.booty.run("plugins", "list", "--json");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    JsonNode exec = null;
    for (JsonNode p : JSON.readTree(list.out())) {
      if (p.path("id").asText().equals("exec-chaos")) {
        exec = p;
      }
    }
    assertThat(exec).as(list.out()).isNotNull();
    assertThat(exec.path("kind").asText()).isEqualTo("exec");
    assertThat(exec.path("state").asText()).isEqualTo("ready");

    Distribution.Run info = stack.booty.run("plugins", "info", "exec-chaos");
    assertThat(info.exitCode()).as(info.toString()).isZero();
    assertThat(info.out()).contains("kind         exec", "health       SERVING", "chaos:exec");
  }

  @Test
  @Order(2)
  void aPluginKilledMidInjectIsNamedAndBothFaultsHeal() throws Exception {
    Path marks = Files.createDirectories(tmp.resolve("marks"));
    Path file = tmp.resolve("it-exec.yaml");
    Files.writeString(
        file,
        """
        version: 1
        name: %s
        description: an exec step beside a dc-outage, its plugin killed mid-inject
        plugins:
          hosting: local
          cluster: nats
          dns: none
        datacenters:
          - name: london
            options: {subnet: "%s"}
          - name: dallas
            options: {subnet: "%s"}
        wan:
          - between: [london, dallas]
            rtt: 105ms
        cluster:
          driver: raw_exec
          serversPerDatacenter: 1
          jetstream: false
        clients:
          - datacenter: london
            count: 2
          - datacenter: dallas
            count: 2
        workload:
          subject: bench.orders
          rate: 10
          size: 128
        steps:
          - at: 5s
            action: dc-outage
            target: dallas
            duration: 40s
            options:
              kind: silent
          - at: 5s
            action: exec
            target: [london, dallas]
            duration: 40s
            options:
              run: "echo in > %s/$BOOTY_TARGET.in; sleep 300"
              heal: "echo out > %s/$BOOTY_TARGET.out"
        expect:
          - metric: clients_not_reconnected
            equals: 0
        """
            .formatted(NAME, SUBNET, SUBNET, marks, marks));
    Path reports = tmp.resolve("runs");
    Path log = tmp.resolve("run.log");
    Process run =
        stack.booty.start(log, "scenario", "run", file.toString(), "--reports", reports.toString());

    // both commands run: kill the plugin's process hard
    waitFor(
        () -> Files.exists(marks.resolve("london.in")) && Files.exists(marks.resolve("dallas.in")),
        Duration.ofMinutes(8),
        run,
        log);
    Path pidFile;
    try (Stream<Path> s = Files.list(stack.booty.home().resolve("run/plugins"))) {
      pidFile =
          s.filter(p -> p.getFileName().toString().matches("exec-chaos-\\d+\\.pid"))
              .findFirst()
              .orElseThrow();
    }
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();

    assertThat(run.waitFor(10, TimeUnit.MINUTES)).as("the run ends").isTrue();
    String output = Files.readString(log);
    String named =
        "plugin exec-chaos ended (exit 137: killed by SIGKILL) while ChaosMode 'exec' Inject was"
            + " running";
    assertThat(output).contains(named);

    JsonNode report = JSON.readTree(newest(reports, ".json").toFile());
    JsonNode exec = null;
    for (JsonNode step : report.path("steps")) {
      if (step.toString().contains("\"exec\"")) {
        exec = step;
      }
    }
    assertThat(exec).as(report.toString()).isNotNull();
    assertThat(exec.toString()).contains(named);
    // the exit code is the one the report's outcome maps to (ScenarioRunner: pass 0, fail 1,
    // broken 3): a failed step is recorded in its step, the verdict stays the expectations'
    int expected =
        switch (report.path("outcome").asText()) {
          case "pass" -> 0;
          case "fail" -> 1;
          default -> 3;
        };
    assertThat(run.exitValue()).as(output).isEqualTo(expected);

    // both faults healed: dallas is back, and the exec heal ran in a restarted plugin
    assertThat(marks.resolve("london.out")).exists();
    assertThat(marks.resolve("dallas.out")).exists();
    assertThat(output).contains("plugin exec-chaos restarted to heal 'exec'");
    assertThat(report.toString()).doesNotContain("heal: ");
    // its stderr is in booty's logs
    assertThat(Files.readString(stack.booty.home().resolve("logs/plugins/exec-chaos.log")))
        .contains("[pid " + pid + "]");
    // none of its commands outlived it
    assertThat(processesWithEnv("BOOTY_SCENARIO=" + NAME)).isEmpty();
  }

  private static List<Long> processesWithEnv(String entry) throws Exception {
    List<Long> found = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("/proc"))) {
      for (Path p : s.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String env = new String(Files.readAllBytes(p.resolve("environ")));
          if (List.of(env.split("\0")).contains(entry)) {
            found.add(Long.parseLong(p.getFileName().toString()));
          }
        } catch (java.io.IOException e) {
          // gone, or not ours to read
        }
      }
    }
    return found;
  }

  private static Path newest(Path dir, String suffix) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(suffix))
          .max(
              (a, b) -> {
                try {
                  return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
                } catch (java.io.IOException e) {
                  return 0;
                }
              })
          .orElseThrow(() -> new AssertionError("no " + suffix + " under " + dir));
    }
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void waitFor(Check check, Duration limit, Process run, Path log) throws Exception {
    Instant end = Instant.now().plus(limit);
    while (!check.holds()) {
      if (!run.isAlive()) {
        throw new AssertionError(
            "the run ended (exit " + run.exitValue() + ") first:\n" + Files.readString(log));
      }
      if (Instant.now().isAfter(end)) {
        throw new AssertionError(
            "not within " + limit + "; the run says:\n" + Files.readString(log));
      }
      Thread.sleep(500);
    }
  }
}

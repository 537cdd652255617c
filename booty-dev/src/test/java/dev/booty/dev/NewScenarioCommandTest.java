package dev.booty.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.cli.CliContext;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code booty-dev scenario new}, in-process. */
class NewScenarioCommandTest {
  @TempDir Path home;
  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {}

  Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("BOOTY_HOME", home.toString());
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = DevMain.run(new CliContext(o, e, env, false), args);
    }
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void writesAStarterThatValidates() throws Exception {
    Run made = run("scenario", "new", "lab-2", "--dir", dir.toString());
    assertThat(made.exitCode()).as(made.err()).isZero();
    Path file = dir.resolve("lab-2.yaml");
    assertThat(made.out()).contains("wrote " + file);
    Scenario s = ScenarioLoader.load(file);
    assertThat(s.name()).isEqualTo("lab-2");
    assertThat(s.datacenters()).hasSize(3);
    Run valid = run("scenario", "validate", file.toString());
    assertThat(valid.exitCode()).as(valid.err()).isZero();
    assertThat(valid.out()).contains(file + ": valid");
  }

  @Test
  void refusesToOverwriteWithoutForce() throws Exception {
    Path file = dir.resolve("lab.yaml");
    Files.writeString(file, "mine");
    Run refused = run("scenario", "new", "lab", "--dir", dir.toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains(file + " exists; --force overwrites it");
    assertThat(Files.readString(file)).isEqualTo("mine");
    Run forced = run("scenario", "new", "lab", "--dir", dir.toString(), "--force");
    assertThat(forced.exitCode()).as(forced.err()).isZero();
    assertThat(Files.readString(file)).contains("name: lab");
  }

  @Test
  void aBadNameIsBadUsage() {
    Run run = run("scenario", "new", "Lab_1", "--dir", dir.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'Lab_1' is not a scenario name");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void pointsEditorsAtTheSchemaWhenThereIsOne() throws Exception {
    assertThat(NewScenarioCommand.schema(dir)).isNull();
    assertThat(NewScenarioCommand.schema(Path.of("../scenarios")))
        .isEqualTo("scenario.schema.json");
    Path nested = dir.resolve("scenarios/mine");
    Files.createDirectories(nested);
    Files.writeString(dir.resolve("scenarios/scenario.schema.json"), "{}");
    assertThat(NewScenarioCommand.schema(nested)).isEqualTo("../scenario.schema.json");
    run("scenario", "new", "x", "--dir", nested.toString());
    assertThat(Files.readAllLines(nested.resolve("x.yaml")).get(0))
        .isEqualTo("# yaml-language-server: $schema=../scenario.schema.json");
  }
}

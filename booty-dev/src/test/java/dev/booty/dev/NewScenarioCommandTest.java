package dev.booty.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code booty-dev scenario new}, in-process. */
class NewScenarioCommandTest {
  @TempDir Path home;
  @TempDir Path dir;

  DevRun run(String... args) {
    return DevRun.of(home, args);
  }

  @Test
  void writesAStarterThatValidates() throws Exception {
    DevRun made = run("scenario", "new", "lab-2", "--dir", dir.toString());
    assertThat(made.exitCode()).as(made.err()).isZero();
    Path file = dir.resolve("lab-2.yaml");
    assertThat(made.out()).contains("wrote " + file);
    Scenario s = ScenarioLoader.load(file);
    assertThat(s.name()).isEqualTo("lab-2");
    assertThat(s.datacenters()).hasSize(3);
    DevRun valid = run("scenario", "validate", file.toString());
    assertThat(valid.exitCode()).as(valid.err()).isZero();
    assertThat(valid.out()).contains(file + ": valid");
  }

  @Test
  void refusesToOverwriteWithoutForce() throws Exception {
    Path file = dir.resolve("lab.yaml");
    Files.writeString(file, "mine");
    DevRun refused = run("scenario", "new", "lab", "--dir", dir.toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains(file + " exists; --force overwrites it");
    assertThat(Files.readString(file)).isEqualTo("mine");
    DevRun forced = run("scenario", "new", "lab", "--dir", dir.toString(), "--force");
    assertThat(forced.exitCode()).as(forced.err()).isZero();
    assertThat(Files.readString(file)).contains("name: lab");
  }

  @Test
  void aBadNameIsBadUsage() {
    DevRun run = run("scenario", "new", "Lab_1", "--dir", dir.toString());
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

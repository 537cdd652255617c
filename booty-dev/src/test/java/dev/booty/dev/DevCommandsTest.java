package dev.booty.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.cli.BaseCommand;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** booty-dev's own commands stand on booty's base command: same options, same exit codes. */
class DevCommandsTest {
  @TempDir Path home;

  DevRun run(String... args) {
    return DevRun.of(home, args);
  }

  @Test
  void everyDevCommandIsABootyCommand() {
    for (Class<?> c :
        List.of(
            InstallBench.class,
            UpBench.class,
            DeployBench.class,
            BackChannelBench.class,
            HarnessBench.class,
            NewScenarioCommand.class)) {
      assertThat(BaseCommand.class).as(c.getSimpleName()).isAssignableFrom(c);
    }
    DevRun help = run("bench", "deploy", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--home", "--manifest");
  }

  @Test
  void badInputIsBadUsageAsInBooty() {
    DevRun rounds = run("bench", "deploy", "--rounds", "0");
    assertThat(rounds.exitCode()).isEqualTo(2);
    assertThat(rounds.err()).contains("booty-dev: --rounds: at least 1, not 0");
    DevRun completion = run("completion", "bash");
    assertThat(completion.exitCode()).isZero();
    assertThat(completion.out()).contains("booty-dev").contains("bench");
  }
}

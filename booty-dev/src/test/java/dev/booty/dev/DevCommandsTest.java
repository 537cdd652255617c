package dev.booty.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** booty-dev's own commands stand on booty's base command: same options, same exit codes. */
class DevCommandsTest {
  @TempDir Path home;

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
    Run help = run("bench", "deploy", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--home", "--manifest");
  }

  @Test
  void badInputIsBadUsageAsInBooty() {
    Run rounds = run("bench", "deploy", "--rounds", "0");
    assertThat(rounds.exitCode()).isEqualTo(2);
    assertThat(rounds.err()).contains("booty-dev: --rounds: at least 1, not 0");
    Run completion = run("completion", "bash");
    assertThat(completion.exitCode()).isZero();
    assertThat(completion.out()).contains("booty-dev").contains("bench");
  }
}

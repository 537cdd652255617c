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
            DnsBench.class,
            HarnessBench.class,
            PluginBench.class,
            NewScenarioCommand.class)) {
      assertThat(BaseCommand.class).as(c.getSimpleName()).isAssignableFrom(c);
    }
    DevRun help = run("bench", "deploy", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--home", "--manifest");
    // picocli wraps the help: compare without white space
    assertThat(help.out().replaceAll("\\s+", "")).contains("(default:scenarios/local-3dc.yaml)");
    DevRun dns = run("bench", "dns", "--help");
    assertThat(dns.exitCode()).isZero();
    assertThat(dns.out()).contains("--victim", "--queries", "--json");
    assertThat(dns.out().replaceAll("\\s+", ""))
        .contains("(default:scenarios/dns-dc-outage.yaml)")
        .doesNotContain("local-3dc");
  }

  @Test
  void badInputIsBadUsageAsInBooty() {
    DevRun rounds = run("bench", "deploy", "--rounds", "0");
    assertThat(rounds.exitCode()).isEqualTo(2);
    assertThat(rounds.err()).contains("booty-dev: --rounds: at least 1, not 0");
    DevRun queries = run("bench", "dns", "--queries", "0");
    assertThat(queries.exitCode()).isEqualTo(2);
    assertThat(queries.err()).contains("--rounds and --queries: at least 1, not 3 and 0");
    DevRun calls = run("bench", "plugins", "--calls", "0");
    assertThat(calls.exitCode()).isEqualTo(2);
    assertThat(calls.err()).contains("--calls, --injects and --starts: at least 1");
    DevRun plugin = run("bench", "plugins", "--plugin", home.toString());
    assertThat(plugin.exitCode()).isEqualTo(2);
    assertThat(plugin.err())
        .contains("--plugin " + home + ": no plugin.yaml there; build it with 'mvn ");
    DevRun completion = run("completion", "bash");
    assertThat(completion.exitCode()).isZero();
    assertThat(completion.out()).contains("booty-dev").contains("bench");
  }
}

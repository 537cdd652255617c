package dev.booty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.cli.support.Booty;
import dev.booty.core.ExitCode;
import dev.booty.core.util.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The shape of booty's command line: durations, output options, exit codes, completion. */
class CommandLineTest {
  @TempDir Path home;

  Booty booty() {
    return new Booty(home, null);
  }

  /** The value picocli converted for {@code option} of the innermost command of {@code args}. */
  private static Object parsed(String option, String... args) {
    PrintStream none = new PrintStream(PrintStream.nullOutputStream());
    CommandLine cli = Main.commandLine(new CliContext(none, none, Map.of(), false), "booty");
    ParseResult r = cli.parseArgs(args);
    while (r.hasSubcommand()) {
      r = r.subcommand();
    }
    return r.matchedOptionValue(option, null);
  }

  @Test
  void everyDurationOptionReadsTheScenarioGrammar() {
    Duration ninety = Duration.ofSeconds(90);
    assertThat(parsed("--timeout", "job", "run", "--timeout", "1m30s", "j.hcl")).isEqualTo(ninety);
    assertThat(parsed("--timeout", "deploy", "--timeout", "1m30s", "s.yaml")).isEqualTo(ninety);
    assertThat(parsed("--timeout", "destroy", "--timeout", "1m30s", "s")).isEqualTo(ninety);
    assertThat(parsed("--timeout", "scenario", "run", "--timeout", "1m30s", "s.yaml"))
        .isEqualTo(ninety);
    assertThat(parsed("--lease", "scenario", "run", "--lease", "1.5s", "s.yaml"))
        .isEqualTo(Duration.ofMillis(1500));
    assertThat(parsed("--timeout", "cmd", "--timeout", "1m30s", "n1", "ping")).isEqualTo(ninety);
    assertThat(parsed("--wait", "nodes", "--wait", "500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(
            parsed(
                "--duration",
                "client",
                "--id=c",
                "--dc=d",
                "--servers=nats://x",
                "--duration",
                "2h5s"))
        .isEqualTo(Duration.ofSeconds(7205));
  }

  @Test
  void aBadDurationIsBadUsageNamingTheOptionTheTextAndTheGrammar() {
    Booty.Run run = booty().run("job", "run", "--timeout", "90", "j.hcl");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err())
        .contains("'--timeout'")
        .contains("'90' is not a duration (e.g. 500ms, 5s, 1.5s, 2m or 1m30s)");
    Booty.Run zero = booty().run("nodes", "--control-plane", "nats://127.0.0.1:1", "--wait", "0");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("'0' is shorter than 1ms");
    Booty.Run negative = booty().run("deploy", "--timeout", "-5s", "s.yaml");
    assertThat(negative.exitCode()).isEqualTo(2);
    assertThat(negative.err()).contains("'-5s' is not a duration");
  }

  @Test
  void aDurationOptionThatParsesGoesOnToTheWork() {
    // the duration is fine: what fails is the control plane that is not there (exit 1, not 2)
    Booty.Run run =
        booty()
            .run(
                "cmd", "--control-plane", "nats://127.0.0.1:1", "--timeout", "1m30s", "n1", "ping");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("cannot connect to the control plane at nats://127.0.0.1:1");
  }

  @Test
  void anOperationThatCannotReachTheStackIsBrokenNotBadUsage() throws Exception {
    Booty.Run jobs = booty().run("job", "list", "--address", "http://127.0.0.1:1");
    assertThat(jobs.exitCode()).as(jobs.toString()).isEqualTo(ExitCode.BROKEN.code());
    assertThat(jobs.err()).contains("cannot reach Nomad at http://127.0.0.1:1");
    Booty.Run status = booty().run("job", "status", "x", "--address", "http://127.0.0.1:1");
    assertThat(status.exitCode()).as(status.toString()).isEqualTo(3);
    Booty.Run deploy = booty().run("deploy", Path.of("../../scenarios/local-3dc.yaml").toString());
    assertThat(deploy.exitCode()).as(deploy.toString()).isEqualTo(3);
    assertThat(deploy.err()).contains("the stack is not up; 'booty up' starts it first");
  }

  @Test
  void everyCommandThatActsTakesJsonAndQuiet() {
    List<List<String>> acting =
        List.of(
            List.of("install"),
            List.of("uninstall"),
            List.of("use"),
            List.of("up"),
            List.of("down"),
            List.of("job", "run"),
            List.of("job", "stop"),
            List.of("job", "status"),
            List.of("job", "list"),
            List.of("plugins", "list"),
            List.of("plugins", "info"),
            List.of("plugins", "install"),
            List.of("plugins", "enable"),
            List.of("plugins", "disable"),
            List.of("chaos", "heal"),
            List.of("mirror", "clone"),
            List.of("image", "build"),
            List.of("nodes"),
            List.of("cmd"),
            List.of("client"));
    for (List<String> command : acting) {
      String[] args = concat(command, "--help");
      Booty.Run help = booty().run(args);
      assertThat(help.exitCode()).as(String.join(" ", command)).isZero();
      assertThat(help.out()).as(String.join(" ", command)).contains("--json", "--quiet");
    }
  }

  @Test
  void downOnAHomeWithoutAStackSaysSoAsJson() throws Exception {
    Booty.Run run = booty().run("down", "--json");
    assertThat(run.exitCode()).isZero();
    assertThat(Json.MAPPER.readTree(run.out()).path("done").isArray()).isTrue();
    assertThat(Json.MAPPER.readTree(run.out()).path("done")).isEmpty();
  }

  @Test
  void theHelpListsTheExitCodesWithBrokenApartFromBadUsage() {
    Booty.Run run = booty().run("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Exit codes (every command):")
        .containsPattern("0:\\s+ok")
        .containsPattern("1:\\s+failure")
        .containsPattern("2:\\s+bad usage or input")
        .containsPattern("3:\\s+broken: the run or operation could not complete");
    assertThat(Arrays.stream(ExitCode.values()).map(ExitCode::code).distinct().count())
        .isEqualTo(ExitCode.values().length);
  }

  @Test
  void processEntryPointsAreHiddenButRun() {
    Booty.Run help = booty().run("--help");
    assertThat(help.out()).doesNotContainPattern("(?m)^\\s+(agent|clients|browsers|supervise)\\s");
    assertThat(help.out()).containsPattern("(?m)^\\s+completion\\s");
    assertThat(booty().run("chaos", "--help").out())
        .doesNotContainPattern("(?m)^\\s+watchdog\\s")
        .containsPattern("(?m)^\\s+heal\\s");
    for (String hidden : new String[] {"agent", "clients", "browsers", "supervise"}) {
      Booty.Run run = booty().run(hidden, "--help");
      assertThat(run.exitCode()).as(hidden).isZero();
      assertThat(run.out()).contains("Usage: booty " + hidden);
    }
    assertThat(booty().run("chaos", "watchdog", "--help").exitCode()).isZero();
  }

  @Test
  void completionPrintsAScriptWithTheSubcommands() {
    Booty.Run bash = booty().run("completion", "bash");
    assertThat(bash.exitCode()).as(bash.err()).isZero();
    assertThat(bash.out())
        .contains("complete -F")
        .contains("booty")
        .contains("install", "scenario", "deploy", "destroy", "job", "plugins", "completion");
    Booty.Run zsh = booty().run("completion", "zsh");
    assertThat(zsh.exitCode()).isZero();
    assertThat(zsh.out()).contains("bashcompinit").contains("scenario");
    Booty.Run fish = booty().run("completion", "fish");
    assertThat(fish.exitCode()).isEqualTo(2);
    assertThat(fish.err()).contains("completion fish: expected bash or zsh");
  }

  @Test
  void clientClientsAndBrowsersShareTheirClientOptions() {
    String client = booty().run("client", "--help").out();
    String clients = booty().run("clients", "--help").out();
    String browsers = booty().run("browsers", "--help").out();
    for (String option :
        new String[] {
          "--dc",
          "--servers",
          "--subject",
          "--rate",
          "--size",
          "--kinds",
          "--ping-interval",
          "--max-pings-out",
          "--connect-timeout",
          "--request-timeout",
          "--replicas",
          "--no-placement"
        }) {
      assertThat(client).as(option).contains(option);
      assertThat(clients).as(option).contains(option);
      assertThat(browsers).as(option).contains(option);
    }
    for (String option :
        new String[] {
          "--control-plane", "--creds", "--scenario", "--run", "--index", "--instance", "--count"
        }) {
      assertThat(clients).as(option).contains(option);
      assertThat(browsers).as(option).contains(option);
    }
    assertThat(browsers)
        .contains("--control-plane-ws", "--report-creds", "--chromium", "--chromedriver");
  }

  private static String[] concat(List<String> a, String... b) {
    String[] out = a.toArray(new String[0]);
    out = Arrays.copyOf(out, out.length + b.length);
    System.arraycopy(b, 0, out, a.size(), b.length);
    return out;
  }
}

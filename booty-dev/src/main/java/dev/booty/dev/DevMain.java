package dev.booty.dev;

import dev.booty.cli.CliContext;
import dev.booty.cli.Main;
import picocli.CommandLine;

/** Entry point of {@code booty-dev}: every booty command plus the developers' own. */
public final class DevMain {
  private DevMain() {}

  public static void main(String[] args) {
    CliContext ctx =
        new CliContext(System.out, System.err, System.getenv(), System.console() != null);
    System.exit(run(ctx, args));
  }

  public static int run(CliContext ctx, String... args) {
    CommandLine cli = Main.commandLine(ctx, "booty-dev");
    cli.getCommandSpec()
        .usageMessage()
        .description(
            "booty for developers: every booty command, plus benchmarks and developer tooling.");
    cli.addSubcommand(
        "bench", new CommandLine(new BenchCommand(), new dev.booty.cli.ContextFactory(ctx)));
    cli.getSubcommands()
        .get("scenario")
        .addSubcommand(
            "new",
            new CommandLine(new NewScenarioCommand(ctx), new dev.booty.cli.ContextFactory(ctx)));
    return Main.execute(cli, ctx, args);
  }
}

package dev.booty.cli;

import dev.booty.core.BootyException;
import dev.booty.core.ExitCode;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of {@code booty}. {@link #run} serves tests and {@code booty-dev} alike. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    CliContext ctx =
        new CliContext(System.out, System.err, System.getenv(), System.console() != null);
    System.exit(run(ctx, args));
  }

  /** Runs booty's command line in this process and returns the exit code. */
  public static int run(CliContext ctx, String... args) {
    return execute(commandLine(ctx, "booty"), ctx, args);
  }

  /** Convenience for tests: a non-interactive run with the given environment. */
  public static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
    return run(new CliContext(out, err, env, false), args);
  }

  /** booty's command tree under {@code name}; booty-dev adds its own commands to it. */
  public static CommandLine commandLine(CliContext ctx, String name) {
    CommandLine cli = new CommandLine(new BootyCommand(), new ContextFactory(ctx));
    cli.setCommandName(name);
    cli.getCommandSpec().usageMessage().exitCodeList(ExitCode.table());
    cli.registerConverter(java.time.Duration.class, new DurationConverter());
    cli.setOut(new java.io.PrintWriter(ctx.out(), true));
    cli.setErr(new java.io.PrintWriter(ctx.err(), true));
    return cli;
  }

  /** Runs a command line, mapping booty's exceptions to one message and an exit code. */
  public static int execute(CommandLine cli, CliContext ctx, String... args) {
    String name = cli.getCommandName();
    withHelpOptions(cli);
    // again, for the commands booty-dev added after commandLine()
    cli.registerConverter(java.time.Duration.class, new DurationConverter());
    cli.setOut(new java.io.PrintWriter(ctx.out(), true));
    cli.setErr(new java.io.PrintWriter(ctx.err(), true));
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof BootyException be) {
            ctx.err().println(name + ": " + be.getMessage());
            return be.exitCode().code();
          }
          ctx.err().println(name + ": internal error: " + ex);
          ex.printStackTrace(ctx.err());
          return ExitCode.FAILURE.code();
        });
    cli.setParameterExceptionHandler(
        (ex, argv) -> {
          ctx.err().println(name + ": " + ex.getMessage());
          ctx.err()
              .println(
                  "Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return ExitCode.USAGE.code();
        });
    return cli.execute(args);
  }

  /** Gives every command of the tree {@code -h/--help} and {@code -V/--version}. */
  private static void withHelpOptions(CommandLine cli) {
    if (!cli.getCommandSpec().mixinStandardHelpOptions()) {
      cli.getCommandSpec().mixinStandardHelpOptions(true);
    }
    cli.getSubcommands().values().stream().distinct().forEach(Main::withHelpOptions);
  }
}

package dev.booty.cli;

import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * How a command reports, shared as a {@code @Mixin} by every command that acts: for people
 * (default), quietly, or as JSON for scripts.
 */
public final class OutputOptions {
  @Option(names = "--json", description = "print the result as JSON on stdout, nothing else")
  public boolean json;

  @Option(
      names = {"-q", "--quiet"},
      description = "no progress, only errors and the final result")
  public boolean quiet;

  /** Whether progress lines are shown: not with {@code --quiet} or {@code --json}. */
  public boolean progress() {
    return !quiet && !json;
  }

  /** Where progress lines go: {@code ctx}'s stderr, prefixed, or nowhere. */
  public Consumer<String> progress(CliContext ctx, String prefix) {
    return progress() ? line -> ctx.err().println(prefix + line) : line -> {};
  }
}

package dev.booty.cli;

import picocli.CommandLine.Option;

/** How a command reports: for people (default), quietly, or as JSON for scripts. */
public final class OutputOptions {
  @Option(names = "--json", description = "print the result as JSON on stdout, nothing else")
  public boolean json;

  @Option(
      names = {"-q", "--quiet"},
      description = "no progress, only errors and the final result")
  public boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "also show the output of the tools booty runs (go, apt)")
  public boolean verbose;
}

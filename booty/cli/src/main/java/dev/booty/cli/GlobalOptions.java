package dev.booty.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command that touches the booty home shares. */
public final class GlobalOptions {
  @Option(
      names = "--home",
      paramLabel = "DIR",
      description = "booty home (default: $BOOTY_HOME, else ~/.booty)")
  public Path home;

  @Option(
      names = "--manifest",
      paramLabel = "FILE",
      description = "component manifest to use instead of the built-in one (also $BOOTY_MANIFEST)")
  public Path manifest;
}

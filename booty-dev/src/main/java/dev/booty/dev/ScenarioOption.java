package dev.booty.dev;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --scenario}: the scenario a bench deploys on its throwaway stack. */
final class ScenarioOption {
  @Option(names = "--scenario", description = "the scenario to deploy (default: ${DEFAULT-VALUE})")
  Path scenario = Path.of("scenarios/local-3dc.yaml");
}

package dev.booty.dev;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --scenario}: the scenario a bench deploys on its throwaway stack. A bench that needs
 * another default (one with geo DNS) creates the mixin itself with that file; picocli keeps an
 * instance it finds and shows its value as the default.
 */
final class ScenarioOption {
  @Option(names = "--scenario", description = "the scenario to deploy (default: ${DEFAULT-VALUE})")
  Path scenario;

  ScenarioOption() {
    this("scenarios/local-3dc.yaml");
  }

  ScenarioOption(String defaultFile) {
    this.scenario = Path.of(defaultFile);
  }
}

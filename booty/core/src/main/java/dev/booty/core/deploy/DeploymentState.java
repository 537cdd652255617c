package dev.booty.core.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.booty.core.BootyException;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code booty deploy} made for a scenario, kept in {@code HOME/scenarios/NAME/state.json}:
 * enough for the next deploy to tell what changed, and for {@code booty destroy} to remove exactly
 * this, even after the scenario file changed.
 */
public record DeploymentState(
    @JsonProperty("scenario") String scenario,
    @JsonProperty("file") String file,
    @JsonProperty("hosting") String hosting,
    @JsonProperty("cluster") String cluster,
    @JsonProperty("wan") boolean wan,
    @JsonProperty("dataCenters") List<DataCentre> dataCenters,
    @JsonProperty("jobs") List<String> jobs,
    @JsonProperty("appliedAt") String appliedAt,
    @JsonProperty("dns") String dns,
    @JsonProperty("zone") String zone) {

  /** A data centre as deployed: its index keeps its addresses stable. */
  public record DataCentre(
      @JsonProperty("name") String name,
      @JsonProperty("index") int index,
      @JsonProperty("servers") int servers) {}

  public static Path dir(Path home, String scenario) {
    return home.resolve("scenarios").resolve(scenario);
  }

  static Path file(Path home, String scenario) {
    return dir(home, scenario).resolve("state.json");
  }

  /** Every deployed scenario of a home, by name. */
  public static List<DeploymentState> all(Path home) {
    Path dir = home.resolve("scenarios");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var names = Files.list(dir)) {
      return names
          .map(p -> p.getFileName().toString())
          .sorted()
          .map(n -> read(home, n))
          .flatMap(Optional::stream)
          .toList();
    } catch (IOException e) {
      throw BootyException.failure("cannot list " + dir + ": " + e.getMessage());
    }
  }

  public static Optional<DeploymentState> read(Path home, String scenario) {
    Path f = file(home, scenario);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.readValue(f.toFile(), DeploymentState.class));
    } catch (IOException e) {
      throw BootyException.failure("cannot read " + f + ": " + e.getMessage());
    }
  }

  void write(Path home) {
    Path f = file(home, scenario);
    try {
      Files.createDirectories(f.getParent());
      FileTrees.writeAtomically(f, Json.MAPPER.writeValueAsString(this), false);
    } catch (IOException e) {
      throw BootyException.failure("cannot write " + f + ": " + e.getMessage());
    }
  }
}

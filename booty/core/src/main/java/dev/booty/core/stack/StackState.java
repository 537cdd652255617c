package dev.booty.core.stack;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the supervisor writes to {@code stack/state.json} as it works, and {@code booty status},
 * {@code up} and {@code down} read: its own pid, the phase, and each service's pid and health.
 *
 * @param phase {@code starting}, {@code up}, {@code failed} or {@code stopping}
 * @param message why it failed, or what it is doing
 * @param advertise where other hosts reach the stack ({@link StackNetwork}); null from a supervisor
 *     older than that setting, which ran on loopback only
 */
public record StackState(
    @JsonProperty("supervisorPid") long supervisorPid,
    @JsonProperty("startedAt") String startedAt,
    @JsonProperty("phase") String phase,
    @JsonProperty("message") String message,
    @JsonProperty("advertise") String advertise,
    @JsonProperty("services") List<Service> services) {

  public static final String STARTING = "starting";
  public static final String UP = "up";
  public static final String FAILED = "failed";
  public static final String STOPPING = "stopping";

  /** One supervised service. {@code pid} is 0 when it is not running. */
  public record Service(
      @JsonProperty("name") String name,
      @JsonProperty("component") String component,
      @JsonProperty("version") String version,
      @JsonProperty("pid") long pid,
      @JsonProperty("executable") String executable,
      @JsonProperty("address") String address,
      @JsonProperty("startedAt") String startedAt,
      @JsonProperty("restarts") int restarts,
      @JsonProperty("healthy") boolean healthy,
      @JsonProperty("health") String health) {}

  public static Optional<StackState> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.readValue(file.toFile(), StackState.class));
    } catch (IOException e) {
      return Optional.empty(); // half-written by a dying supervisor: treat as no state
    }
  }

  public void write(Path file) throws IOException {
    FileTrees.writeAtomically(file, Json.MAPPER.writeValueAsString(this), false);
  }

  /** Whether the supervisor that wrote this is still running. */
  public boolean supervisorAlive() {
    return ProcessHandle.of(supervisorPid).map(ProcessHandle::isAlive).orElse(false);
  }
}

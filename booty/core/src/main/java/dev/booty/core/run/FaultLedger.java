package dev.booty.core.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.booty.core.BootyException;
import dev.booty.core.deploy.DeploymentState;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The faults in force in a scenario and the lease booty holds on them, kept in {@code
 * HOME/scenarios/NAME/faults.json}. A run adds a fault before injecting it, removes it once healed
 * and renews the lease every few seconds; when the lease runs out (booty was killed), the {@link
 * Watchdog} heals whatever is still listed. Each write replaces the file atomically.
 */
public final class FaultLedger {

  /**
   * A fault in force.
   *
   * @param mode the chaos mode's id, which heals it
   * @param record what healing needs, from the mode's prepare
   */
  public record Entry(
      @JsonProperty("id") String id,
      @JsonProperty("mode") String mode,
      @JsonProperty("record") Map<String, String> record,
      @JsonProperty("since") String since) {}

  /** The file's content: the lease's end (epoch ms) and the faults. */
  public record State(
      @JsonProperty("leaseUntil") long leaseUntil,
      @JsonProperty("holder") String holder,
      @JsonProperty("faults") List<Entry> faults) {
    public State {
      faults = faults == null ? List.of() : List.copyOf(faults);
    }

    public boolean expired(Instant now) {
      return now.toEpochMilli() > leaseUntil;
    }
  }

  private final Path file;
  private final Clock clock;

  public FaultLedger(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  public static Path file(Path home, String scenario) {
    return DeploymentState.dir(home, scenario).resolve("faults.json");
  }

  public Path file() {
    return file;
  }

  /** Takes the lease for {@code lease}, keeping whatever faults are listed. */
  public synchronized void hold(String holder, Duration lease) {
    State s = read();
    write(new State(until(lease), holder, s.faults()));
  }

  /** Extends the lease by {@code lease} from now. */
  public synchronized void renew(Duration lease) {
    State s = read();
    write(new State(until(lease), s.holder(), s.faults()));
  }

  public synchronized void add(Entry e) {
    State s = read();
    List<Entry> faults = new ArrayList<>(s.faults());
    faults.removeIf(f -> f.id().equals(e.id()));
    faults.add(e);
    write(new State(s.leaseUntil(), s.holder(), faults));
  }

  public synchronized void remove(String id) {
    State s = read();
    List<Entry> faults = new ArrayList<>(s.faults());
    if (faults.removeIf(f -> f.id().equals(id))) {
      write(new State(s.leaseUntil(), s.holder(), faults));
    }
  }

  /** What the file says; empty when there is no file (no run holds it, or it ended cleanly). */
  public synchronized java.util.Optional<State> readIfAny() {
    try {
      return java.util.Optional.of(Json.MAPPER.readValue(Files.readString(file), State.class));
    } catch (NoSuchFileException e) {
      return java.util.Optional.empty();
    } catch (IOException e) {
      throw BootyException.failure("cannot read the fault ledger " + file + ": " + e.getMessage());
    }
  }

  /** What the file says; an empty, expired state when there is none. */
  public synchronized State read() {
    try {
      return Json.MAPPER.readValue(Files.readString(file), State.class);
    } catch (NoSuchFileException e) {
      return new State(0, null, List.of());
    } catch (IOException e) {
      throw BootyException.failure("cannot read the fault ledger " + file + ": " + e.getMessage());
    }
  }

  /** Gives the lease up: removes the file when no fault is left, else lets the lease expire now. */
  public synchronized void release() {
    State s = read();
    try {
      if (s.faults().isEmpty()) {
        Files.deleteIfExists(file);
      } else {
        write(new State(0, s.holder(), s.faults()));
      }
    } catch (IOException e) {
      throw BootyException.failure("cannot remove " + file + ": " + e.getMessage());
    }
  }

  private long until(Duration lease) {
    return clock.instant().plus(lease).toEpochMilli();
  }

  private void write(State s) {
    try {
      Files.createDirectories(file.getParent());
      FileTrees.writeAtomically(file, Json.MAPPER.writeValueAsString(s), false);
    } catch (IOException e) {
      throw BootyException.failure("cannot write the fault ledger " + file + ": " + e.getMessage());
    }
  }
}

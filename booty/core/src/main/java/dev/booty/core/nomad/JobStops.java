package dev.booty.core.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.util.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stops jobs for good: stops them all (so their tasks' kill timeouts run side by side), waits until
 * none of their allocations runs, and only then purges them.
 *
 * <p>Purging at once is not safe: a purge deletes the job's allocations from the servers' state,
 * and a Nomad client whose blocking query sees several deletions in a row can miss the later ones
 * and keep those tasks running (hashicorp/nomad#28242); booty saw a run's browser clients outlive
 * it that way. A job that is only stopped keeps its allocations until they are terminal, which
 * every client notices.
 */
public final class JobStops {
  private static final Set<String> LIVE = Set.of("pending", "running");

  private JobStops() {}

  /**
   * Stops {@code jobs} (those Nomad knows), waits up to {@code within} for their allocations to
   * end, then purges them.
   *
   * @return per job still running allocations after {@code within} (not purged), empty when all
   *     ended
   */
  public static Map<String, Integer> stopAndPurge(
      NomadApi nomad, List<String> jobs, Duration within) {
    List<String> known = new ArrayList<>();
    for (String id : jobs) {
      if (nomad.job(id) != null) {
        nomad.stop(id, false);
        known.add(id);
      }
    }
    Instant deadline = Instant.now().plus(within);
    Map<String, Integer> left = live(nomad, known);
    while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
      Poll.pause(Duration.ofMillis(300));
      left = live(nomad, known);
    }
    for (String id : known) {
      if (!left.containsKey(id)) {
        nomad.stop(id, true);
      }
    }
    return left;
  }

  /** The jobs with allocations still pending or running, and how many each. */
  static Map<String, Integer> live(NomadApi nomad, List<String> jobs) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String id : jobs) {
      int n = 0;
      for (JsonNode a : nomad.allocations(id)) {
        if (LIVE.contains(a.path("ClientStatus").asText())) {
          n++;
        }
      }
      if (n > 0) {
        out.put(id, n);
      }
    }
    return out;
  }
}

package dev.booty.core.nomad;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.util.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobStopsTest {
  private final FakeNomad nomad = new FakeNomad();

  private void running(String job, int allocations) {
    nomad.jobs.put(job, Json.MAPPER.createObjectNode().put("ID", job));
    nomad.running.put(job, allocations);
  }

  @Test
  void stopsEveryJobFirstAndPurgesOnlyOnceItsAllocationsEnded() {
    running("s-clients-london", 2);
    running("s-clients-dallas", 1);

    Map<String, Integer> left =
        JobStops.stopAndPurge(
            nomad, List.of("s-clients-london", "s-clients-dallas"), Duration.ofSeconds(10));

    assertThat(left).isEmpty();
    // all stopped side by side before any purge: their kill timeouts run together
    assertThat(nomad.calls)
        .containsExactly(
            "stop s-clients-london",
            "stop s-clients-dallas",
            "purge s-clients-london",
            "purge s-clients-dallas");
    assertThat(nomad.jobs).isEmpty();
  }

  @Test
  void aJobWhoseAllocationsDoNotEndIsReportedAndKeptForTheNextLook() {
    running("s-clients-london", 1);
    running("s-clients-dallas", 2);
    nomad.hanging.add("s-clients-dallas");

    Map<String, Integer> left =
        JobStops.stopAndPurge(
            nomad, List.of("s-clients-london", "s-clients-dallas"), Duration.ofMillis(900));

    assertThat(left).containsExactly(Map.entry("s-clients-dallas", 2));
    assertThat(nomad.calls).doesNotContain("purge s-clients-dallas");
    assertThat(nomad.jobs).containsOnlyKeys("s-clients-dallas");
  }

  @Test
  void jobsNomadDoesNotKnowAreSkipped() {
    running("s-clients-london", 1);

    assertThat(
            JobStops.stopAndPurge(
                nomad, List.of("gone", "s-clients-london"), Duration.ofSeconds(10)))
        .isEmpty();
    assertThat(nomad.calls).containsExactly("stop s-clients-london", "purge s-clients-london");
  }
}

package dev.booty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.cli.support.Booty;
import dev.booty.core.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code booty runs}, in-process: the history outlives the scenario's deployment state. */
class RunsCommandTest {
  @TempDir Path home;

  Booty booty() {
    return new Booty(home, null);
  }

  private void oldReport(String scenario, String stamp, String outcome) throws Exception {
    Path dir = home.resolve("scenarios").resolve(scenario).resolve("runs").resolve(stamp);
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("report.json"),
        """
        {"scenario": "%s", "startedAt": "2026-12-01T08:00:00Z", "outcome": "%s",
         "expectations": [{"metric": "js_lost", "comparison": "equals", "bound": "0",
                           "actual": "0", "holds": true}],
         "totals": {"pubsub": {"lost": 3}}, "clients": [{}, {}]}
        """
            .formatted(scenario, outcome));
    Files.writeString(dir.resolve("report.html"), "<html>");
  }

  @Test
  void listShowAndRmAndAnOldReportSurvivesDestroyingItsScenario() throws Exception {
    oldReport("local-3dc", "20261201-080000", "pass");

    Booty.Run list = booty().run("runs", "list");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out())
        .contains("RUN")
        .containsPattern(
            "20261201-080000-local-3dc +local-3dc +2026-12-01T08:00:00Z +PASS +1/1 +2 +3");
    // the scenario's folder is deployment state: destroy removes it, the run stays
    dev.booty.core.util.FileTrees.deleteRecursively(home.resolve("scenarios/local-3dc"));
    assertThat(home.resolve("runs/20261201-080000-local-3dc/report.html")).exists();

    Booty.Run json = booty().run("runs", "list", "--json");
    JsonNode runs = Json.MAPPER.readTree(json.out());
    assertThat(runs.get(0).path("id").asText()).isEqualTo("20261201-080000-local-3dc");
    assertThat(runs.get(0).path("messagesLost").asLong()).isEqualTo(3);

    Booty.Run show = booty().run("runs", "show", "20261201-080000-local-3dc");
    assertThat(show.exitCode()).as(show.toString()).isZero();
    assertThat(show.out())
        .contains("run 20261201-080000-local-3dc: scenario local-3dc, pass")
        .contains("expectations 1/1 hold")
        .contains("report      " + home.resolve("runs/20261201-080000-local-3dc/report.html"));
    Booty.Run showJson = booty().run("runs", "show", "--json", "20261201-080000-local-3dc");
    assertThat(Json.MAPPER.readTree(showJson.out()).path("outcome").asText()).isEqualTo("pass");

    Booty.Run rm = booty().run("runs", "rm", "20261201-080000-local-3dc");
    assertThat(rm.exitCode()).as(rm.toString()).isZero();
    assertThat(home.resolve("runs/20261201-080000-local-3dc")).doesNotExist();
    Booty.Run gone = booty().run("runs", "show", "20261201-080000-local-3dc");
    assertThat(gone.exitCode()).isEqualTo(2);
    assertThat(gone.err())
        .contains("no run '20261201-080000-local-3dc' in " + home.resolve("runs") + " (none yet)");
  }
}

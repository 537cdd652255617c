package dev.booty.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.core.BootyException;
import dev.booty.core.deploy.DeploymentState;
import dev.booty.core.util.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs are history: kept apart from deployment state, removed only one by one on request. */
class RunHistoryTest {
  @TempDir Path home;

  @Test
  void aRunsReportOutlivesItsScenariosDeploymentState() throws Exception {
    Path state = DeploymentState.dir(home, "local-3dc");
    Files.createDirectories(state);
    Files.writeString(state.resolve("state.json"), "{}");

    RunHistory.Written w =
        RunHistory.of(home)
            .write(
                RunHistory.id("20261203-114500", "local-3dc"),
                HtmlReportTest.fixture("local-3dc", "pass", null));
    // what destroy removes: the scenario's folder, whole
    FileTrees.deleteRecursively(state);

    assertThat(w.json()).isEqualTo(home.resolve("runs/20261203-114500-local-3dc/report.json"));
    assertThat(w.json()).exists();
    assertThat(w.html()).exists();
    RunHistory.Entry e = RunHistory.of(home).list().getFirst();
    assertThat(e.id()).isEqualTo("20261203-114500-local-3dc");
    assertThat(e.scenario()).isEqualTo("local-3dc");
    assertThat(e.outcome()).isEqualTo("pass");
    assertThat(e.expectationsHeld()).isEqualTo(1);
    assertThat(e.expectations()).isEqualTo(2);
    assertThat(e.clients()).isEqualTo(3);
    assertThat(e.messagesLost()).isEqualTo(7);
  }

  @Test
  void reportsInTheOldPlaceMoveToTheHistoryAndNothingIsDeleted() throws Exception {
    Path old = DeploymentState.dir(home, "local-3dc").resolve("runs/20261201-080000");
    Files.createDirectories(old);
    Files.writeString(
        old.resolve("report.json"), "{\"scenario\":\"local-3dc\",\"outcome\":\"fail\"}");
    Files.writeString(old.resolve("report.html"), "<html>");

    RunHistory h = RunHistory.of(home);

    Path moved = home.resolve("runs/20261201-080000-local-3dc");
    assertThat(moved.resolve("report.json")).exists();
    assertThat(moved.resolve("report.html")).hasContent("<html>");
    assertThat(old).doesNotExist();
    assertThat(h.list()).extracting(RunHistory.Entry::outcome).containsExactly("fail");
  }

  @Test
  void removeDeletesOneRunAndAnUnknownIdIsNamed() {
    RunHistory h = RunHistory.of(home);
    h.write("20261203-114500-a", HtmlReportTest.fixture("a", "pass", null));
    h.write("20261203-120000-b", HtmlReportTest.fixture("b", "fail", null));

    h.remove("20261203-114500-a");

    assertThat(h.list()).extracting(RunHistory.Entry::id).containsExactly("20261203-120000-b");
    assertThatThrownBy(() -> h.remove("20261203-114500-a"))
        .isInstanceOf(BootyException.class)
        .hasMessage(
            "no run '20261203-114500-a' in "
                + home.resolve("runs")
                + " (latest: 20261203-120000-b)");
    assertThatThrownBy(() -> h.remove("../scenarios"))
        .isInstanceOf(BootyException.class)
        .hasMessageStartingWith("no run '../scenarios'");
  }
}

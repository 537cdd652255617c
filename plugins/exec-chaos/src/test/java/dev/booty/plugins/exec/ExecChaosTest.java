package dev.booty.plugins.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.ChaosMode.FaultSpec;
import dev.booty.plugin.sdk.RecordingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecChaosTest {
  @TempDir Path home;
  final ExecChaos exec = new ExecChaos();

  @Test
  void refusesBadStepsNamingTheOption() {
    var ctx = new RecordingContext(home);
    assertThatThrownBy(() -> exec.prepare(new FaultSpec(List.of("london"), null, Map.of()), ctx))
        .hasMessage("exec: option 'run' is required: the command to run per target");
    assertThatThrownBy(
            () -> exec.prepare(new FaultSpec(List.of("tokyo"), null, Map.of("run", "true")), ctx))
        .hasMessage(
            "exec: target 'tokyo' is no data centre or server of the scenario; data centres: london, dallas");
    assertThatThrownBy(
            () ->
                exec.prepare(
                    new FaultSpec(List.of("london"), null, Map.of("run", "true", "ru", "x")), ctx))
        .hasMessage("exec: unknown option 'ru'; options: run, heal, per, timeout");
  }

  @Test
  void runsOneCommandPerTargetWithItsEnvironmentAndHeals() throws Exception {
    var ctx = new RecordingContext(home);
    var fault =
        new FaultSpec(
            List.of("london", "dal-1"),
            null,
            Map.of(
                "run",
                "echo \"$BOOTY_DATACENTER/$BOOTY_SERVER/$BOOTY_HOST/$BOOTY_SCENARIO\" > $BOOTY_TARGET.in; echo hi",
                "heal",
                "echo $BOOTY_FAULT > $BOOTY_WORK_DIR/$BOOTY_TARGET.out"));
    Map<String, String> record = exec.prepare(fault, ctx);
    exec.inject(fault, record, ctx);
    Path work = ctx.workDir();
    assertThat(Files.readString(work.resolve("london.in"))).isEqualTo("london///two-dc\n");
    assertThat(Files.readString(work.resolve("dal-1.in")))
        .isEqualTo("dallas/dal-1/127.0.0.3/two-dc\n");
    assertThat(ctx.lines).contains("exec london: hi", "exec dal-1: hi");

    exec.heal(record, ctx);
    assertThat(Files.readString(work.resolve("dal-1.out"))).isEqualTo(record.get("fault") + "\n");
  }

  @Test
  void aFailingCommandFailsTheStepWithItsLastLine() {
    var ctx = new RecordingContext(home);
    var fault =
        new FaultSpec(List.of("london"), null, Map.of("run", "echo no route to host; exit 2"));
    Map<String, String> record = exec.prepare(fault, ctx);
    assertThatThrownBy(() -> exec.inject(fault, record, ctx))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("exec: 'echo no route to host; exit 2' for london exited 2: no route to host");
  }

  @Test
  void interruptionKillsTheCommands() throws Exception {
    var ctx = new RecordingContext(home);
    var fault =
        new FaultSpec(
            List.of("london"), null, Map.of("run", "echo started; echo $$ > pid; sleep 300"));
    Map<String, String> record = exec.prepare(fault, ctx);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    exec.inject(fault, record, ctx);
                  } catch (Throwable e) {
                    thrown.set(e);
                  }
                });
    Path pid = ctx.workDir().resolve("pid");
    for (int i = 0; i < 100 && !ctx.lines.contains("exec london: started"); i++) {
      Thread.sleep(50);
    }
    t.interrupt();
    t.join(10_000);
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    long shell = Long.parseLong(Files.readString(pid).strip());
    Thread.sleep(200);
    assertThat(ProcessHandle.of(shell).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }
}

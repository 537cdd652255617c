package dev.booty.core.plugin.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.home.BootyHome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A booty killed hard (SIGKILL, no shutdown hook runs) leaves no plugin running: the plugin sees
 * its stdin close and ends with its group, and the next booty's orphan reaping removes the pid file
 * the dead booty left.
 */
class BootyKilledHardTest {
  private static final String ID = "fake-orphan";

  @TempDir Path root;

  @Test
  void thePluginEndsWithItsBootyAndTheNextBootyReapsItsPidFile() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path bootyErr = root.resolve("booty.err");
    Process booty =
        new ProcessBuilder(
                java,
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                FakeBooty.class.getName(),
                root.toString(),
                ID)
            .redirectError(bootyErr.toFile())
            .start();
    long pluginPid = -1;
    try {
      pluginPid = pluginPid(booty, bootyErr);
      BootyHome home = new BootyHome(root);
      Path pidFile = home.pluginRuntime().resolve(ID + "-" + booty.pid() + ".pid");
      assertThat(pidFile).as("the pid file booty wrote for the plugin").exists();
      assertThat(ProcessGroup.members(pluginPid)).as("the plugin's group").contains(pluginPid);

      booty.destroyForcibly(); // SIGKILL: booty's shutdown hook does not run
      assertThat(booty.waitFor(30, TimeUnit.SECONDS)).as("booty killed").isTrue();

      // nothing else kills it before the reaping below: it ends on its own, seeing stdin close
      // (what it says then is lost: booty, which copied its stderr into its log, is gone)
      List<Long> left = ProcessGroup.members(pluginPid);
      for (int i = 0; i < 300 && !left.isEmpty(); i++) {
        Thread.sleep(100);
        left = ProcessGroup.members(pluginPid);
      }
      assertThat(left)
          .as(
              "processes of the plugin's group %d 30 s after booty was killed; plugin log:%n%s",
              pluginPid, log(home.pluginLog(ID)))
          .isEmpty();

      assertThat(pidFile).as("the dead booty's pid file before reaping").exists();
      PluginProcess.reapOrphans(new BootyHome(root));
      try (var files = Files.list(home.pluginRuntime())) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .as("pid files after the next booty reaped orphans")
            .noneMatch(n -> n.endsWith(".pid"));
      }
    } finally {
      booty.destroyForcibly();
      if (pluginPid > 0) {
        ProcessGroup.kill(pluginPid);
      }
      // a plugin whose pid never reached the test: its pid file names it
      Path pidFile = new BootyHome(root).pluginRuntime().resolve(ID + "-" + booty.pid() + ".pid");
      if (Files.isRegularFile(pidFile)) {
        ProcessGroup.kill(Long.parseLong(Files.readString(pidFile).strip()));
      }
    }
  }

  /** Reads booty's {@code plugin-pid PID} line, waiting up to 2 minutes on a busy machine. */
  private static long pluginPid(Process booty, Path bootyErr) throws Exception {
    CompletableFuture<String> line = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(booty.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = in.readLine()) != null && !l.startsWith("plugin-pid ")) {
                  // nothing else is printed
                }
                line.complete(l);
              } catch (IOException e) {
                line.complete(null);
              }
            });
    String text;
    try {
      text = line.get(2, TimeUnit.MINUTES);
    } catch (TimeoutException e) {
      text = null;
    }
    assertThat(text).as("booty's plugin-pid line; booty's stderr:%n%s", log(bootyErr)).isNotNull();
    return Long.parseLong(text.substring("plugin-pid ".length()).strip());
  }

  private static String log(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file) : "(no " + file + ")";
    } catch (IOException e) {
      return "(" + e.getMessage() + ")";
    }
  }
}

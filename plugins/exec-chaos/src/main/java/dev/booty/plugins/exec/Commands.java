package dev.booty.plugins.exec;

import dev.booty.api.ChaosContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one shell command per {@link ExecChaos.Unit} in parallel, each line of output reported as
 * progress ({@code exec london: LINE}); returns when all ended. A command that exits non-zero or
 * overruns its time fails the step; interruption kills every command and what it started.
 */
final class Commands {

  private Commands() {}

  static void runAll(
      String command,
      List<ExecChaos.Unit> units,
      Map<String, String> record,
      ChaosContext context,
      Duration limit,
      String label)
      throws InterruptedException {
    Path work = context.plugin().workDir();
    try {
      Files.createDirectories(work);
    } catch (IOException e) {
      throw new IllegalStateException(label + ": cannot create " + work + ": " + e.getMessage());
    }
    List<Running> running = new ArrayList<>();
    try {
      for (ExecChaos.Unit unit : units) {
        running.add(start(command, unit, record, context, work, label));
      }
      List<String> failures = new ArrayList<>();
      long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
      for (Running r : running) {
        long left = deadline - System.nanoTime();
        boolean ended =
            limit == null
                ? waitFor(r.process)
                : r.process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS);
        if (!ended) {
          kill(r.process);
          failures.add(
              "%s: '%s' for %s did not end within %s"
                  .formatted(label, command, r.unit.target(), limit));
          continue;
        }
        r.output.join(2000);
        if (r.process.exitValue() != 0) {
          failures.add(
              "%s: '%s' for %s exited %d%s"
                  .formatted(
                      label,
                      command,
                      r.unit.target(),
                      r.process.exitValue(),
                      r.lastLine[0] == null ? "" : ": " + r.lastLine[0]));
        }
      }
      if (!failures.isEmpty()) {
        throw new IllegalStateException(String.join("; ", failures));
      }
    } catch (InterruptedException e) {
      running.forEach(r -> kill(r.process));
      throw e;
    }
  }

  private static boolean waitFor(Process p) throws InterruptedException {
    p.waitFor();
    return true;
  }

  private record Running(ExecChaos.Unit unit, Process process, Thread output, String[] lastLine) {}

  private static Running start(
      String command,
      ExecChaos.Unit unit,
      Map<String, String> record,
      ChaosContext context,
      Path work,
      String label) {
    ProcessBuilder b =
        new ProcessBuilder("sh", "-c", command).directory(work.toFile()).redirectErrorStream(true);
    Map<String, String> env = b.environment();
    env.keySet().removeIf(k -> k.startsWith("BOOTY_PLUGIN"));
    env.put("BOOTY_SCENARIO", context.plugin().scenario());
    env.put("BOOTY_TARGET", unit.target());
    env.put("BOOTY_DATACENTER", unit.dataCenter());
    env.put("BOOTY_SERVER", unit.server());
    env.put("BOOTY_HOST", unit.host());
    env.put("BOOTY_WORK_DIR", work.toString());
    env.put("BOOTY_FAULT", record.getOrDefault("fault", ""));
    Process p;
    try {
      p = b.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          label + ": cannot run sh for " + unit.target() + ": " + e.getMessage());
    }
    try {
      p.getOutputStream().close();
    } catch (IOException e) {
      // the command reads no input
    }
    String[] last = new String[1];
    Thread reader =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try (BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                      last[0] = line;
                      try {
                        context.plugin().progress(label + " " + unit.target() + ": " + line);
                      } catch (RuntimeException e) {
                        System.err.println(label + " " + unit.target() + ": " + line);
                      }
                    }
                  } catch (IOException e) {
                    // the command ended
                  }
                });
    return new Running(unit, p, reader, last);
  }

  /** Kills a command and everything it started. */
  static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }
}

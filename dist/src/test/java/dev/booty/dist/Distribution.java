package dev.booty.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built distribution's {@code bin/booty} as a user would, against one booty home. */
final class Distribution {
  static final Path ROOT = Path.of("target", "booty").toAbsolutePath();

  private final Path home;

  Path home() {
    return home;
  }

  Distribution(Path home) {
    this.home = home;
  }

  /**
   * The last resort of a test's clean-up, for when booty itself could not run (say, the
   * distribution was rebuilt under the test): ends every process whose command line names {@code
   * dir} and lazily unmounts what is mounted under it, so nothing of the test outlives it.
   */
  static void endEverythingUnder(Path dir) throws IOException, InterruptedException {
    String mark = dir.toString();
    List<ProcessHandle> left =
        ProcessHandle.allProcesses()
            .filter(p -> p.info().commandLine().orElse("").contains(mark))
            .toList();
    left.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : left) {
      p.onExit().completeOnTimeout(p, 10, TimeUnit.SECONDS).join();
      p.destroyForcibly();
    }
    for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
      String[] f = line.split(" ");
      if (f.length > 1 && f[1].startsWith(mark)) {
        new ProcessBuilder("umount", "-l", f[1]).inheritIO().start().waitFor();
      }
    }
  }

  /** Starts a command without waiting, its output into {@code log}. */
  Process start(Path log, String... args) throws IOException {
    return builder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private ProcessBuilder builder(String... args) {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("bin").resolve("booty").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("BOOTY_HOME", home.toString());
    pb.environment().remove("BOOTY_MANIFEST");
    return pb;
  }

  /** The outcome of one command. */
  record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  Run run(String... args) throws IOException, InterruptedException {
    ProcessBuilder pb = builder(args);
    Path out = Files.createTempFile("booty-out-", ".txt");
    Path err = Files.createTempFile("booty-err-", ".txt");
    try {
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(20, TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IllegalStateException("booty " + String.join(" ", args) + " did not end");
      }
      return new Run(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}

package dev.booty.core.util;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs an external command to completion, streaming its merged output line by line. */
public final class ProcessRunner {
  private static final int TAIL_LINES = 40;

  private ProcessRunner() {}

  /**
   * The outcome: exit code (-1 when killed at the timeout) and the last lines of output.
   *
   * @param timedOut true when the command ran past its timeout and was killed
   */
  public record Result(int exitCode, boolean timedOut, String output) {
    public boolean ok() {
      return exitCode == 0 && !timedOut;
    }
  }

  /**
   * Runs {@code command} in {@code dir} with {@code env} added to this process's environment.
   *
   * @throws IOException when the command cannot be started (e.g. not installed)
   */
  public static Result run(
      List<String> command,
      Path dir,
      Map<String, String> env,
      Duration timeout,
      Consumer<String> lines)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    Deque<String> tail = new ArrayDeque<>();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (BufferedReader r =
                      new BufferedReader(
                          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                      synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL_LINES) {
                          tail.removeFirst();
                        }
                      }
                      lines.accept(line);
                    }
                  } catch (IOException e) {
                    // the process went away; what was read is kept
                  }
                });
    boolean done;
    try {
      done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
      reader.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
    synchronized (tail) {
      return new Result(done ? p.exitValue() : -1, !done, String.join("\n", tail));
    }
  }

  /** Finds an executable on the PATH of {@code env} (or this process's), or null. */
  public static Path which(String name, Map<String, String> env) {
    String path = env.getOrDefault("PATH", System.getenv("PATH"));
    if (path == null) {
      return null;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (java.nio.file.Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}

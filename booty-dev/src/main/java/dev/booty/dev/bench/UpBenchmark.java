package dev.booty.dev.bench;

import dev.booty.core.BootyException;
import dev.booty.core.util.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times {@code booty up} to all-healthy, cold (first boot, empty data) and warm (second boot), and
 * {@code booty job run} to healthy, in a temporary home on free ports, so it never touches the
 * user's stack. Components come from booty's Go build cache (or are built).
 */
public final class UpBenchmark {
  private final Map<String, String> userEnv;
  private final Settings settings;

  /** The job file to time and the warm boots to average over. */
  public record Settings(Path job, int rounds) {}

  /**
   * Seconds, each rounded to hundredths as printed: the cold boot, the first job run after boot,
   * the median of 3 job runs on the running stack (both null without warm boots), the mean of the
   * warm boots.
   */
  public record Result(double cold, Double firstJob, Double settledJob, double warmMean) {}

  public UpBenchmark(Map<String, String> env, Settings settings) {
    this.userEnv = env;
    this.settings = settings;
  }

  public Result run() throws Exception {
    Path home = Files.createTempDirectory("booty-bench-up-");
    Map<String, String> env = new HashMap<>(userEnv);
    env.put("BOOTY_HOME", home.toString());
    List<String> ports = BenchStack.freePorts();
    String nomad =
        "--address=https://127.0.0.1:"
            + ports.stream()
                .filter(p -> p.startsWith("nomad.http="))
                .findFirst()
                .orElseThrow()
                .split("=")[1];
    try {
      run(env, "install", "--quiet", "nomad", "consul", "nats-server", "victoria-metrics", "caddy");
      double cold = secs(() -> run(env, BenchStack.withPorts("up", ports)));
      run(env, "down");
      double total = 0;
      Double firstJob = null;
      Double settledJob = null;
      int rounds = settings.rounds();
      for (int i = 0; i < rounds; i++) {
        total += secs(() -> run(env, BenchStack.withPorts("up", ports)));
        if (i == rounds - 1) {
          String file = settings.job().toAbsolutePath().toString();
          firstJob = secs(() -> run(env, "job", "run", nomad, file));
          List<Double> settled = new ArrayList<>();
          for (int j = 0; j < 3; j++) {
            run(env, "job", "stop", nomad, "--purge", jobId(file));
            settled.add(secs(() -> run(env, "job", "run", nomad, file)));
          }
          settled.sort(Double::compare);
          settledJob = settled.get(1);
        }
        run(env, "down");
      }
      return new Result(cold, firstJob, settledJob, total / rounds);
    } finally {
      run(env, "down", "--purge");
      FileTrees.deleteRecursively(home);
    }
  }

  private static void run(Map<String, String> env, String... args) {
    BenchStack.run(env, args);
  }

  /** Seconds {@code step} took, rounded to hundredths (the warm mean adds the rounded figures). */
  private static double secs(Bench.Step step) throws Exception {
    return Double.parseDouble(Bench.f2(Bench.seconds(step)));
  }

  /** The job id declared in a job file ({@code job "ID" {}). */
  private static String jobId(String file) throws IOException {
    Matcher m =
        Pattern.compile("(?m)^job\\s+\"([^\"]+)\"").matcher(Files.readString(Path.of(file)));
    if (!m.find()) {
      throw BootyException.usage(file + " declares no job");
    }
    return m.group(1);
  }
}

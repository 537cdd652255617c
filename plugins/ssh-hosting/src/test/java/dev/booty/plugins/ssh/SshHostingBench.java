package dev.booty.plugins.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.api.HostingProvider.DataCenterSpec;
import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.core.plugin.BootyPluginContext;
import dev.booty.plugins.ssh.SshTestHosts.HostOptions;
import dev.booty.plugins.ssh.SshTestHosts.WrittenFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code make bench-ssh} (issue 14): how long {@link SshHosting} takes to bring N hosts into the
 * cluster (hosts of the data centre in parallel) and to release them, on real sshd test hosts
 * ({@link SshTestHosts}, at {@value #SUBNET}N) and a real secured stack ({@link SecuredStack}).
 *
 * <p>Per N and round: a cold provision (checks, copy, agents up, nodes ready in Nomad), a second
 * provision that finds everything in place, and a release; the bytes each step wrote on each host,
 * read from the host's filesystem. Figures are printed and written to {@code
 * target/bench-ssh.json}; nothing is asserted about time.
 *
 * <p>Not a test: neither Surefire nor Failsafe picks up a {@code *Bench} class by default, only
 * {@code -Dit.test=SshHostingBench} runs it. Settings: {@code -Dbench.ssh.hosts=1,2,4} (or {@code
 * BENCH_SSH_HOSTS}) and {@code -Dbench.ssh.rounds=3} (or {@code BENCH_SSH_ROUNDS}).
 */
class SshHostingBench {
  static final String SUBNET = "127.0.92.";
  static final String SCENARIO = "bench";

  /** What to measure: one data centre of each host count, {@code rounds} times. */
  record Settings(List<Integer> hosts, int rounds) {
    static Settings fromEnvironment() {
      String hosts = setting("bench.ssh.hosts", "BENCH_SSH_HOSTS", "1,2,4");
      String rounds = setting("bench.ssh.rounds", "BENCH_SSH_ROUNDS", "3");
      try {
        List<Integer> counts =
            Arrays.stream(hosts.split(",")).map(String::strip).map(Integer::parseInt).toList();
        Settings s = new Settings(counts, Integer.parseInt(rounds.strip()));
        if (s.rounds() < 1 || counts.isEmpty() || counts.stream().anyMatch(n -> n < 1 || n > 250)) {
          throw new NumberFormatException("out of range");
        }
        return s;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "bench.ssh.hosts must be host counts 1..250 separated by commas (got '"
                + hosts
                + "'), bench.ssh.rounds a count of 1 or more (got '"
                + rounds
                + "')");
      }
    }

    private static String setting(String property, String env, String fallback) {
      String v = System.getProperty(property);
      if (v == null || v.isBlank()) {
        v = System.getenv(env);
      }
      return v == null || v.isBlank() ? fallback : v;
    }
  }

  /**
   * One round's figures for a data centre of {@code hosts} hosts; bytes are per host, the most any
   * host wrote.
   */
  record Round(
      int hosts,
      int round,
      double coldSeconds,
      double noopSeconds,
      double releaseSeconds,
      long coldBytes,
      long noopBytes) {}

  @Test
  void provisionAndReleaseHosts(@TempDir Path tmp) throws Exception {
    Settings settings = Settings.fromEnvironment();
    List<Round> rounds = new ArrayList<>();
    Path json = Path.of(System.getProperty("basedir", "."), "target", "bench-ssh.json");
    try (SecuredStack stack = SecuredStack.start(tmp)) {
      progress("stack up; hosts " + settings.hosts() + ", " + settings.rounds() + " rounds");
      for (int n : settings.hosts()) {
        List<HostOptions> options = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          options.add(HostOptions.plain().withDiskSize("1g"));
        }
        try (SshTestHosts hosts = SshTestHosts.start(SUBNET, options)) {
          for (int r = 1; r <= settings.rounds(); r++) {
            Round done = round(stack, hosts, r);
            rounds.add(done);
            progress(
                String.format(
                    Locale.ROOT,
                    "%d host(s), round %d: provision %.2f s, no-op %.2f s, release %.2f s",
                    n,
                    r,
                    done.coldSeconds(),
                    done.noopSeconds(),
                    done.releaseSeconds()));
          }
        }
      }
    } finally {
      // what was measured, also when a step failed
      SshBenchReport report = new SshBenchReport(settings, rounds);
      report.print(System.out);
      report.writeJson(json);
      System.out.println("written " + json.toAbsolutePath().normalize());
    }
    assertThat(rounds).hasSize(settings.hosts().size() * settings.rounds());
  }

  /**
   * Provisions the hosts' data centre cold, again, then releases it; fails when a step does not
   * leave the hosts as it should (figures of a broken step would mislead).
   */
  private static Round round(SecuredStack stack, SshTestHosts hosts, int round) {
    List<SshTestHosts.Host> all = hosts.hosts();
    int n = all.size();
    BootyPluginContext ctx = stack.context(SCENARIO, line -> {});
    DataCenterSpec spec = new DataCenterSpec("n" + n, 1, n, SecuredStack.options(all));
    SshHosting ssh = new SshHosting();
    List<List<WrittenFile>> clean = all.stream().map(hosts::writtenFiles).toList();

    long t0 = System.nanoTime();
    HostedDataCenter dc = ssh.provision(spec, ctx);
    double cold = seconds(t0);
    List<List<WrittenFile>> provisioned = all.stream().map(hosts::writtenFiles).toList();
    if (dc.addresses().size() != n) {
      throw new IllegalStateException("data centre " + spec.name() + ": " + dc.addresses());
    }

    long t1 = System.nanoTime();
    HostedDataCenter again = ssh.provision(spec, ctx);
    double noop = seconds(t1);
    List<List<WrittenFile>> after = all.stream().map(hosts::writtenFiles).toList();
    if (!again.equals(dc)) {
      throw new IllegalStateException("the second provision answered " + again + ", not " + dc);
    }

    long t2 = System.nanoTime();
    ssh.release(spec.name(), ctx);
    double release = seconds(t2);
    for (int i = 0; i < n; i++) {
      List<WrittenFile> left = hosts.writtenFiles(all.get(i));
      if (!left.equals(clean.get(i))) {
        throw new IllegalStateException(
            all.get(i)
                + ": release left files behind: "
                + left
                + " (before: "
                + clean.get(i)
                + ")");
      }
    }
    return new Round(
        n, round, cold, noop, release, most(clean, provisioned), most(provisioned, after));
  }

  /** The most bytes any host wrote between {@code before} and {@code after}. */
  private static long most(List<List<WrittenFile>> before, List<List<WrittenFile>> after) {
    long most = 0;
    for (int i = 0; i < before.size(); i++) {
      most = Math.max(most, SshTestHosts.bytesWritten(before.get(i), after.get(i)));
    }
    return most;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void progress(String line) {
    System.err.println("==> " + line);
  }
}

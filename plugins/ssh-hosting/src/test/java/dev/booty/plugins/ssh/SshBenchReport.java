package dev.booty.plugins.ssh;

import dev.booty.core.util.Json;
import dev.booty.plugins.ssh.SshHostingBench.Round;
import dev.booty.plugins.ssh.SshHostingBench.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@link SshHostingBench}'s figures: a table per round and one per host count (median and max of
 * its rounds) for people, and the same as one JSON object in a file.
 */
record SshBenchReport(Settings settings, List<Round> rounds) {

  void print(PrintStream out) {
    out.println();
    out.println(
        "bench ssh: SshHosting provision/release of N sshd test hosts ("
            + SshHostingBench.SUBNET
            + "N, hosts in parallel) into a secured Consul+Nomad stack, "
            + Runtime.getRuntime().availableProcessors()
            + " cores, load "
            + loadAverage());
    out.println();
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "N", "ROUND", "PROVISION COLD S", "PROVISION NO-OP S", "RELEASE S", "MB/HOST"
        });
    for (Round r : rounds) {
      rows.add(
          new String[] {
            String.valueOf(r.hosts()),
            String.valueOf(r.round()),
            f2(r.coldSeconds()),
            f2(r.noopSeconds()),
            f2(r.releaseSeconds()),
            mb(r.coldBytes()) + " (no-op " + kb(r.noopBytes()) + ")"
          });
    }
    table(out, rows);
    out.println();
    List<String[]> summary = new ArrayList<>();
    summary.add(
        new String[] {
          "N",
          "ROUNDS",
          "COLD P50",
          "COLD MAX",
          "NO-OP P50",
          "NO-OP MAX",
          "RELEASE P50",
          "RELEASE MAX"
        });
    for (int n : hostCounts()) {
      List<Round> of = of(n);
      summary.add(
          new String[] {
            String.valueOf(n),
            String.valueOf(of.size()),
            f2(median(of, Round::coldSeconds)),
            f2(max(of, Round::coldSeconds)),
            f2(median(of, Round::noopSeconds)),
            f2(max(of, Round::noopSeconds)),
            f2(median(of, Round::releaseSeconds)),
            f2(max(of, Round::releaseSeconds))
          });
    }
    table(out, summary);
    out.println();
    out.println(
        "seconds until SshHosting.provision/release returned (cold: checks, copy, agents up, nodes"
            + " ready in Nomad; no-op: the same data centre provisioned again); MB/HOST: what the"
            + " busiest host wrote under /opt and /var/lib, read from its filesystem");
  }

  void writeJson(Path file) throws IOException {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("subnet", SshHostingBench.SUBNET + "0/24");
    o.put("cores", Runtime.getRuntime().availableProcessors());
    o.put("load", loadAverage());
    o.put("hosts", settings.hosts());
    o.put("rounds", settings.rounds());
    List<Map<String, Object>> rs = new ArrayList<>();
    for (Round r : rounds) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("hosts", r.hosts());
      m.put("round", r.round());
      m.put("provisionColdSeconds", r.coldSeconds());
      m.put("provisionNoopSeconds", r.noopSeconds());
      m.put("releaseSeconds", r.releaseSeconds());
      m.put("provisionColdBytesPerHost", r.coldBytes());
      m.put("provisionNoopBytesPerHost", r.noopBytes());
      rs.add(m);
    }
    o.put("measured", rs);
    List<Map<String, Object>> per = new ArrayList<>();
    for (int n : hostCounts()) {
      List<Round> of = of(n);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("hosts", n);
      m.put("rounds", of.size());
      m.put("provisionColdMedianSeconds", median(of, Round::coldSeconds));
      m.put("provisionColdMaxSeconds", max(of, Round::coldSeconds));
      m.put("provisionNoopMedianSeconds", median(of, Round::noopSeconds));
      m.put("provisionNoopMaxSeconds", max(of, Round::noopSeconds));
      m.put("releaseMedianSeconds", median(of, Round::releaseSeconds));
      m.put("releaseMaxSeconds", max(of, Round::releaseSeconds));
      m.put("provisionColdBytesPerHost", (long) median(of, r -> r.coldBytes()));
      per.add(m);
    }
    o.put("perHostCount", per);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o));
  }

  private List<Integer> hostCounts() {
    return rounds.stream().map(Round::hosts).distinct().toList();
  }

  private List<Round> of(int hosts) {
    return rounds.stream().filter(r -> r.hosts() == hosts).toList();
  }

  /** The median (the mean of the middle two for an even count); NaN for none. */
  static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
    double[] v = rounds.stream().mapToDouble(figure).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static double max(List<Round> rounds, ToDoubleFunction<Round> figure) {
    return rounds.stream().mapToDouble(figure).max().orElse(Double.NaN);
  }

  /** Left-aligned columns, two spaces apart, as booty's own tables. */
  private static void table(PrintStream out, List<String[]> rows) {
    int[] width = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(
            i == row.length - 1 ? row[i] : String.format("%-" + (width[i] + 2) + "s", row[i]));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
  }

  private static String kb(long bytes) {
    return String.format(Locale.ROOT, "%.1f KB", bytes / 1e3);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}

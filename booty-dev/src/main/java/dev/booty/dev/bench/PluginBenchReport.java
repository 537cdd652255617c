package dev.booty.dev.bench;

import dev.booty.cli.Table;
import dev.booty.core.util.Json;
import dev.booty.dev.bench.PluginBenchmark.Result;
import dev.booty.dev.bench.PluginBenchmark.Row;
import dev.booty.dev.bench.PluginBenchmark.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link PluginBenchmark}'s figures: tables for people (microseconds), or one JSON object, which
 * the bench command also writes to {@link #FILE}.
 */
public record PluginBenchReport(Settings settings, Result r) implements Report {
  /** Where {@code make bench-plugins} leaves the JSON report, relative to the repository. */
  public static final String FILE = "booty-dev/target/bench-plugins.json";

  @Override
  public void print(PrintStream out) {
    out.println(
        "bench plugins: "
            + r.plugin()
            + " (hello-chaos "
            + r.version()
            + "), "
            + Bench.cores()
            + " cores, load "
            + Bench.loadAverage());
    out.println("booty's JVM: " + String.join(" ", r.bootyJvm()));
    out.println(
        "context: "
            + CountingChaosContext.SITES.size()
            + " data centres, nothing deployed; the fault targets "
            + PluginBenchmark.FAULT.targets());
    out.println();
    out.println(
        "calls, one at a time: the same "
            + PluginBenchmark.MODE_CLASS
            + " in booty's JVM and through gRPC (mTLS, a token per call)");
    Table t = new Table("CALL", "SIDE", "CALLS", "P50 µs", "P99 µs", "MAX µs", "CALLS/S");
    for (String what : whats(r.calls())) {
      r.calls().stream().filter(row -> row.what().equals(what)).forEach(row -> t.row(cells(row)));
    }
    t.print(out);
    out.println();
    for (Overhead o : overheads(r.calls())) {
      out.println(
          "gRPC overhead, "
              + o.what()
              + ": p50 +"
              + micros(o.p50Micros())
              + " µs, p99 +"
              + micros(o.p99Micros())
              + " µs");
    }
    out.println(
        "progress lines that reached booty: in process "
            + r.progressInProcess()
            + ", through Host.Progress "
            + r.progressRemote()
            + ", of "
            + r.progressExpected()
            + " each"
            + (r.complete() ? "" : ": SOME WERE LOST"));
    out.println();
    out.println(
        "cold starts of the plugin process, "
            + settings.starts()
            + " per variant after one uncounted, one plugin at a time");
    Table s = new Table("WHAT", "JVM FLAGS", "STARTS", "P50 µs", "P99 µs", "MAX µs");
    r.starts().forEach(row -> s.row(java.util.Arrays.copyOf(cells(row), 6)));
    s.print(out);
    out.println(
        "handshake line: from launch (setsid java ...) to its first stdout line; Describe"
            + " answered: from ExecPlugin.process() (a TLS leaf for the start, launch, handshake,"
            + " health) to its Describe answer");
  }

  /** The cells of a row: what, how, count, p50, p99, max, calls/s. */
  static Object[] cells(Row row) {
    return new Object[] {
      row.what(),
      row.how(),
      row.count(),
      micros(row.p50Micros()),
      micros(row.p99Micros()),
      micros(row.maxMicros()),
      row.perSecond() == null ? null : Bench.f0(row.perSecond())
    };
  }

  /** Microseconds with one decimal below 1000, none above. */
  static String micros(double v) {
    return Math.abs(v) < 1000 ? String.format(Locale.ROOT, "%.1f", v) : Bench.f0(v);
  }

  /** What a call costs through gRPC beyond the same call in process, in microseconds. */
  record Overhead(String what, double p50Micros, double p99Micros) {}

  /** The overhead of each call measured on both sides, in the rows' order. */
  static List<Overhead> overheads(List<Row> calls) {
    List<Overhead> out = new ArrayList<>();
    for (String what : whats(calls)) {
      Optional<Row> local = find(calls, what, PluginBenchmark.IN_PROCESS);
      Optional<Row> remote = find(calls, what, PluginBenchmark.GRPC);
      if (local.isPresent() && remote.isPresent()) {
        out.add(
            new Overhead(
                what,
                remote.get().p50Micros() - local.get().p50Micros(),
                remote.get().p99Micros() - local.get().p99Micros()));
      }
    }
    return out;
  }

  private static List<String> whats(List<Row> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(
        row -> {
          if (!out.contains(row.what())) {
            out.add(row.what());
          }
        });
    return out;
  }

  private static Optional<Row> find(List<Row> rows, String what, String how) {
    return rows.stream().filter(x -> x.what().equals(what) && x.how().equals(how)).findFirst();
  }

  @Override
  public void printJson(PrintStream out) throws IOException {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("plugin", r.plugin().toString());
    o.put("version", r.version());
    o.put("command", r.command());
    o.put("cores", Bench.cores());
    o.put("load", Bench.loadAverage());
    o.put("bootyJvm", r.bootyJvm());
    o.put("warmUp", settings.warmUp());
    o.put("calls", r.calls());
    o.put("grpcOverhead", overheads(r.calls()));
    Map<String, Object> progress = new LinkedHashMap<>();
    progress.put("expected", r.progressExpected());
    progress.put("inProcess", r.progressInProcess());
    progress.put("hostProgress", r.progressRemote());
    o.put("progress", progress);
    o.put("starts", r.starts());
    out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o));
  }
}

package dev.booty.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.BootyException;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The runs booty has made, kept apart from deployment state so destroying a scenario leaves its
 * history: {@code HOME/runs/RUN/report.json} and {@code report.html}, where RUN is the run's start
 * and scenario ({@code 20261203-114500-local-3dc}). Only {@link #remove} deletes one. Reports an
 * older booty kept under {@code HOME/scenarios/NAME/runs/} are moved here on first use.
 */
public final class RunHistory {
  static final String JSON = "report.json";
  static final String HTML = "report.html";

  private final Path root;
  private final Path home;

  /**
   * One run as listed: its id, scenario, start, verdict and key figures.
   *
   * @param dir the run's folder
   */
  public record Entry(
      String id,
      String scenario,
      String startedAt,
      String outcome,
      int expectationsHeld,
      int expectations,
      int clients,
      long messagesLost,
      String dir) {}

  /** Where a run's report was written. */
  public record Written(String id, Path json, Path html) {}

  private RunHistory(Path home, Path root) {
    this.home = home;
    this.root = root;
  }

  /** The history of a home, with any report left in the old place moved in first. */
  public static RunHistory of(Path home) {
    RunHistory h = new RunHistory(home, home.resolve("runs"));
    h.adoptOldReports();
    return h;
  }

  /** Runs kept in a folder of their own ({@code scenario run --reports DIR}). */
  public static RunHistory at(Path root) {
    return new RunHistory(null, root);
  }

  public Path root() {
    return root;
  }

  /** The id of a run of {@code scenario} started at {@code stamp} ({@code yyyyMMdd-HHmmss}). */
  public static String id(String stamp, String scenario) {
    return stamp + "-" + scenario;
  }

  /** Writes a run's report (JSON and HTML) under its id. */
  public Written write(String id, RunReport report) {
    Path dir = root.resolve(id);
    Path json = dir.resolve(JSON);
    Path html = dir.resolve(HTML);
    try {
      Files.createDirectories(dir);
      FileTrees.writeAtomically(
          json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report), false);
      FileTrees.writeAtomically(html, HtmlReport.render(report), false);
    } catch (IOException e) {
      throw BootyException.failure("cannot write the report in " + dir + ": " + e.getMessage());
    }
    return new Written(id, json, html);
  }

  /** Every run with a report, newest first. */
  public List<Entry> list() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Entry> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve(JSON))).toList()) {
        out.add(entry(dir));
      }
    } catch (IOException e) {
      throw BootyException.failure("cannot list " + root + ": " + e.getMessage());
    }
    out.sort(
        Comparator.comparing(Entry::startedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Entry::id)
            .reversed());
    return out;
  }

  /** One run, by id. */
  public Entry entry(String id) {
    return entry(dir(id));
  }

  /** The report of one run, as written. */
  public JsonNode report(String id) {
    return read(dir(id).resolve(JSON));
  }

  /** Deletes one run's folder; the only way a run leaves the history. */
  public Path remove(String id) {
    Path dir = dir(id);
    try {
      FileTrees.deleteRecursively(dir);
    } catch (IOException e) {
      throw BootyException.failure("cannot remove " + dir + ": " + e.getMessage());
    }
    return dir;
  }

  private Path dir(String id) {
    Path dir = root.resolve(id).normalize();
    if (!dir.getParent().equals(root.normalize()) || !Files.isRegularFile(dir.resolve(JSON))) {
      List<String> known = list().stream().map(Entry::id).limit(5).toList();
      throw BootyException.usage(
          "no run '"
              + id
              + "' in "
              + root
              + (known.isEmpty() ? " (none yet)" : " (latest: " + String.join(", ", known) + ")"));
    }
    return dir;
  }

  private static Entry entry(Path dir) {
    JsonNode r = read(dir.resolve(JSON));
    int held = 0;
    for (JsonNode e : r.path("expectations")) {
      held += e.path("holds").asBoolean() ? 1 : 0;
    }
    long lost = 0;
    for (JsonNode t : r.path("totals")) {
      lost += t.path("lost").asLong();
    }
    return new Entry(
        dir.getFileName().toString(),
        r.path("scenario").asText(null),
        r.path("startedAt").asText(null),
        r.path("outcome").asText(null),
        held,
        r.path("expectations").size(),
        r.path("clients").size(),
        lost,
        dir.toString());
  }

  private static JsonNode read(Path file) {
    try {
      return Json.MAPPER.readTree(Files.readString(file));
    } catch (IOException e) {
      throw BootyException.failure("cannot read " + file + ": " + e.getMessage());
    }
  }

  /**
   * Moves the reports an older booty kept under {@code HOME/scenarios/NAME/runs/STAMP/} to {@code
   * HOME/runs/STAMP-NAME/}; nothing is deleted (a report whose new place is taken stays where it
   * is).
   */
  public void adoptOldReports() {
    Path scenarios = home == null ? null : home.resolve("scenarios");
    if (scenarios == null || !Files.isDirectory(scenarios)) {
      return;
    }
    try (Stream<Path> names = Files.list(scenarios)) {
      for (Path scenario : names.toList()) {
        Path runs = scenario.resolve("runs");
        if (!Files.isDirectory(runs)) {
          continue;
        }
        try (Stream<Path> old = Files.list(runs)) {
          for (Path run : old.filter(d -> Files.isRegularFile(d.resolve(JSON))).toList()) {
            Path target =
                root.resolve(id(run.getFileName().toString(), scenario.getFileName().toString()));
            if (!Files.exists(target)) {
              Files.createDirectories(root);
              move(run, target);
            }
          }
        }
      }
    } catch (IOException e) {
      throw BootyException.failure(
          "cannot move the run reports under " + scenarios + " to " + root + ": " + e.getMessage());
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }
}

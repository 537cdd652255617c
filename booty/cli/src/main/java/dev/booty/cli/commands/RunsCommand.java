package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.core.report.RunHistory;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "runs",
    description = {
      "The history of scenario runs, kept in HOME/runs/RUN/ (report.json, report.html) apart from"
          + " deployment state: destroying a scenario keeps its runs; only 'runs rm' removes one."
    },
    subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class, RunsCommand.Remove.class})
public final class RunsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  abstract static class RunsBase extends BaseCommand {
    @Option(names = "--json", description = "print JSON")
    boolean json;

    RunsBase(CliContext ctx) {
      super(ctx);
    }

    RunHistory history() {
      return RunHistory.of(home().root());
    }
  }

  @Command(name = "list", description = "List the runs, newest first, with their verdicts.")
  static final class ListRuns extends RunsBase {
    ListRuns(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() throws Exception {
      List<RunHistory.Entry> runs = history().list();
      if (json) {
        printJson(runs);
        return 0;
      }
      if (runs.isEmpty()) {
        ctx.out().println("no runs yet ('booty scenario run FILE' makes one)");
        return 0;
      }
      ctx.out()
          .printf(
              "%-36s %-16s %-20s %-7s %7s %7s %6s%n",
              "RUN", "SCENARIO", "STARTED", "VERDICT", "EXPECT", "CLIENTS", "LOST");
      for (RunHistory.Entry r : runs) {
        ctx.out()
            .printf(
                "%-36s %-16s %-20s %-7s %7s %7d %6d%n",
                r.id(),
                r.scenario(),
                seconds(r.startedAt()),
                r.outcome() == null ? "?" : r.outcome().toUpperCase(java.util.Locale.ROOT),
                r.expectationsHeld() + "/" + r.expectations(),
                r.clients(),
                r.messagesLost());
      }
      return 0;
    }
  }

  /** An instant to the second ({@code 2026-12-03T13:35:20Z}), so the column stays aligned. */
  static String seconds(String instant) {
    try {
      return java.time.Instant.parse(instant)
          .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
          .toString();
    } catch (RuntimeException e) {
      return String.valueOf(instant);
    }
  }

  @Command(name = "show", description = "Show one run: its verdict and where its report is.")
  static final class Show extends RunsBase {
    @Parameters(paramLabel = "RUN", description = "the run's id, as 'runs list' shows it")
    String run;

    Show(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() throws Exception {
      RunHistory h = history();
      if (json) {
        printJson(h.report(run));
        return 0;
      }
      RunHistory.Entry r = h.entry(run);
      ctx.out().println("run " + r.id() + ": scenario " + r.scenario() + ", " + r.outcome());
      ctx.out().println("  started     " + r.startedAt());
      ctx.out()
          .println("  expectations " + r.expectationsHeld() + "/" + r.expectations() + " hold");
      for (var e : h.report(run).path("expectations")) {
        ctx.out()
            .printf(
                "    %s %-24s %-6s %-8s measured %s%n",
                e.path("holds").asBoolean() ? "ok  " : "FAIL",
                e.path("metric").asText(),
                e.path("comparison").asText(),
                e.path("bound").asText(),
                e.path("actual").asText());
      }
      ctx.out().println("  clients     " + r.clients() + ", messages lost " + r.messagesLost());
      ctx.out().println("  report      " + java.nio.file.Path.of(r.dir()).resolve("report.html"));
      return 0;
    }
  }

  @Command(name = "rm", description = "Remove one run's report for good.")
  static final class Remove extends RunsBase {
    @Parameters(paramLabel = "RUN", description = "the run's id, as 'runs list' shows it")
    String run;

    Remove(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() throws Exception {
      ctx.out().println("removed " + history().remove(run));
      return 0;
    }
  }
}

package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.OutputOptions;
import dev.booty.cli.Table;
import dev.booty.core.backchannel.metrics.MetricsQuery;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "metrics",
    description =
        "Ask the stack's VictoriaMetrics: what it scrapes and the telemetry the agents send over"
            + " the back channel (labels node, dc, scenario).",
    subcommands = {MetricsCommand.Query.class})
public final class MetricsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "query",
      description = {
        "Run an instant PromQL (MetricsQL) query: one row per series with its labels, value and"
            + " time. Exit 2 when VictoriaMetrics refuses the query, 1 when the stack is not up."
      },
      footer = {
        "",
        "Examples:",
        "  booty metrics query 'nats_server_connections{dc=\"dallas\"}'",
        "  booty metrics query --json 'sum by (dc) (nats_server_connections)'",
        "  booty metrics query --time 2025-01-01T12:00:00Z 'up'"
      })
  static final class Query extends BaseCommand {
    @Parameters(paramLabel = "PROMQL", description = "the query")
    String promql;

    @Mixin OutputOptions output;

    @Option(
        names = "--time",
        paramLabel = "T",
        description = "evaluate at T (RFC 3339 or Unix seconds; default now)")
    String time;

    Query(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() throws Exception {
      MetricsQuery.Answer answer =
          new MetricsQuery(localStack().victoriaMetrics()).query(promql, time);
      if (output.json) {
        printJson(answer.data());
        return 0;
      }
      if (answer.samples().isEmpty()) {
        ctx.out().println("no series match " + promql);
        return 0;
      }
      Table t = new Table("SERIES", "VALUE", "TIME");
      for (MetricsQuery.Sample s : answer.samples()) {
        t.row(s.series(), s.value(), Instant.ofEpochMilli(Math.round(s.time() * 1000)).toString());
      }
      t.print(ctx.out());
      return 0;
    }
  }
}

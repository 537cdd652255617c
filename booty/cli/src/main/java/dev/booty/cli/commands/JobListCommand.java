package dev.booty.cli.commands;

import dev.booty.cli.CliContext;
import dev.booty.cli.Table;
import dev.booty.core.nomad.NomadApi;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "list", description = "List Nomad's jobs, with who submitted them.")
final class JobListCommand extends JobCommand.NomadCommand {
  JobListCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    List<NomadApi.JobSummary> jobs = nomad().jobs();
    if (output.json) {
      printJson(jobs);
      return 0;
    }
    Table t = new Table("ID", "TYPE", "STATUS", "SUBMITTED BY");
    for (NomadApi.JobSummary j : jobs) {
      t.row(
          j.id(),
          j.type(),
          j.status() + (j.stopped() ? " (stopped)" : ""),
          j.submittedBy() == null ? "not booty" : j.submittedBy());
    }
    t.print(ctx.out());
    return 0;
  }
}

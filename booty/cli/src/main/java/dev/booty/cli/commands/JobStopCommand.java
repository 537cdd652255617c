package dev.booty.cli.commands;

import dev.booty.cli.CliContext;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "stop",
    description = "Stop a job (like 'nomad job stop'); --purge also removes it from Nomad.")
final class JobStopCommand extends JobCommand.NomadCommand {
  @Parameters(paramLabel = "JOB", description = "job id")
  String id;

  @Option(names = "--purge", description = "remove the job from Nomad entirely")
  boolean purge;

  JobStopCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    String eval = nomad().stop(id, purge);
    if (output.json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("job", id);
      out.put("purged", purge);
      out.put("evaluation", eval);
      printJson(out);
      return 0;
    }
    ctx.out()
        .println("stopped " + id + (purge ? " and purged it" : "") + " (evaluation " + eval + ")");
    return 0;
  }
}

package dev.booty.cli.commands;

import dev.booty.cli.BootyVersion;
import dev.booty.cli.CliContext;
import dev.booty.core.BootyException;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.nomad.JobMeta;
import dev.booty.core.nomad.JobRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "run",
    description = {
      "Render a job file, have Nomad parse it, register it with booty's meta, and follow the"
          + " evaluation and the deployment to healthy. Exit 0 on success, 2 when Nomad cannot"
          + " place it, 1 on any other failure (like 'nomad job run')."
    },
    footer = {
      "",
      "Examples:",
      "  booty job run jobs/nats-raw.nomad.hcl",
      "  booty job run jobs/nats-raw.nomad.hcl -var count=2 -detach --timeout 1m30s"
    })
final class JobRunCommand extends JobCommand.NomadCommand {
  @Parameters(paramLabel = "FILE", description = "a Nomad job file (HCL2)")
  Path file;

  @Option(
      names = {"-var", "--var"},
      paramLabel = "NAME=VALUE",
      description = "a value for a variable of the job file")
  List<String> vars = List.of();

  @Option(
      names = {"-detach", "--detach"},
      description = "register and return without following")
  boolean detach;

  @Option(
      names = "--scenario",
      description = "scenario name recorded in the job's meta (default: ${DEFAULT-VALUE})")
  String scenario = "none";

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "5m",
      description = "how long to follow (default: ${DEFAULT-VALUE})")
  Duration timeout;

  JobRunCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    Map<String, String> values = new LinkedHashMap<>();
    for (String v : vars) {
      int eq = v.indexOf('=');
      if (eq <= 0) {
        throw BootyException.usage("-var " + v + ": expected NAME=VALUE");
      }
      values.put(v.substring(0, eq), v.substring(eq + 1));
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(JobMeta.SUBMITTED_BY, ctx.env().getOrDefault("USER", "booty"));
    meta.put(JobMeta.SCENARIO, scenario);
    meta.put(JobMeta.BOOTY_VERSION, new BootyVersion().getVersion()[0]);
    JobRunner runner =
        new JobRunner(nomad(), new ComponentStore(home()), output.progress(ctx, "==> "));
    JobRunner.Outcome outcome = runner.run(file, values, meta, detach, timeout);
    if (output.json) {
      printJson(outcome);
    } else {
      (outcome.exitCode() == 0 ? ctx.out() : ctx.err())
          .println(outcome.jobId() + ": " + outcome.message());
    }
    return outcome.exitCode();
  }
}

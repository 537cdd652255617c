package dev.booty.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.cli.CliContext;
import dev.booty.cli.Table;
import dev.booty.core.local.LocalStack;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "status",
    description = "Show a job: status, booty's meta, deployment, allocations and its services.")
final class JobStatusCommand extends JobCommand.NomadCommand {
  @Parameters(paramLabel = "JOB", description = "job id")
  String id;

  JobStatusCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    LocalStack.JobView view = localStack().job(nomad(), id);
    JsonNode job = view.job();
    if (output.json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("job", job);
      out.put("deployment", view.deployment());
      out.put("allocations", view.allocations());
      printJson(out);
      return 0;
    }
    ctx.out().println("ID         " + job.path("ID").asText());
    ctx.out().println("Type       " + job.path("Type").asText());
    ctx.out()
        .println(
            "Status     "
                + job.path("Status").asText()
                + (job.path("Stop").asBoolean() ? " (stopped)" : ""));
    ctx.out().println("Version    " + job.path("Version").asInt());
    job.path("Meta")
        .fields()
        .forEachRemaining(
            e -> ctx.out().println("Meta       " + e.getKey() + " = " + e.getValue().asText()));
    JsonNode deployment = view.deployment();
    if (deployment != null) {
      ctx.out()
          .println(
              "Deployment "
                  + deployment.path("ID").asText().substring(0, 8)
                  + " "
                  + deployment.path("Status").asText()
                  + ": "
                  + deployment.path("StatusDescription").asText());
    }
    Table t = new Table("ALLOCATION", "GROUP", "DESIRED", "STATUS", "NODE");
    for (JsonNode a : view.allocations()) {
      t.row(
          a.path("ID").asText().substring(0, 8),
          a.path("TaskGroup").asText(),
          a.path("DesiredStatus").asText(),
          a.path("ClientStatus").asText(),
          a.path("NodeName").asText());
    }
    ctx.out().println();
    t.print(ctx.out());
    if (!view.services().isEmpty()) {
      Table s = new Table("SERVICE", "INSTANCE", "ADDRESS", "CHECKS");
      for (LocalStack.Service svc : view.services()) {
        var i = svc.instance();
        s.row(svc.name(), i.id(), i.address() + ":" + i.port(), String.join(", ", i.checks()));
      }
      ctx.out().println();
      s.print(ctx.out());
    }
    return 0;
  }
}

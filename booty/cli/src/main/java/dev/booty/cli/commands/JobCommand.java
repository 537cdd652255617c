package dev.booty.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.cli.BaseCommand;
import dev.booty.cli.BootyVersion;
import dev.booty.cli.CliContext;
import dev.booty.cli.Table;
import dev.booty.core.BootyException;
import dev.booty.core.consul.StackConsul;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.nomad.JobMeta;
import dev.booty.core.nomad.JobRunner;
import dev.booty.core.nomad.NomadApi;
import dev.booty.core.nomad.StackNomad;
import dev.booty.core.stack.StackPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "job",
    description =
        "Run, watch and stop Nomad jobs on the local stack (they are ordinary Nomad jobs).",
    subcommands = {
      JobCommand.Run.class,
      JobCommand.Status.class,
      JobCommand.Stop.class,
      JobCommand.ListJobs.class
    })
public final class JobCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Commands that talk to the stack's Nomad ({@code NOMAD_ADDR} or {@code --address} to override).
   */
  abstract static class NomadCommand extends BaseCommand {
    @Option(
        names = "--address",
        paramLabel = "URL",
        description = "Nomad's HTTP address (default: $NOMAD_ADDR, else the stack's)")
    String address;

    NomadCommand(CliContext ctx) {
      super(ctx);
    }

    NomadApi nomad() {
      String addr = address != null ? address : ctx.env().get("NOMAD_ADDR");
      if (addr == null || addr.isBlank()) {
        StackPorts ports =
            StackPorts.load(home().root().resolve("stack").resolve("ports.json"), Map.of());
        addr = "http://127.0.0.1:" + ports.get("nomad.http");
      }
      return new StackNomad(addr);
    }
  }

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
        "  booty job run jobs/nats-raw.nomad.hcl -var count=2 -detach"
      })
  static final class Run extends NomadCommand {
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
        description = "how long to follow, in seconds (default: ${DEFAULT-VALUE})")
    int timeout = 300;

    Run(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() {
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
          new JobRunner(
              nomad(), new ComponentStore(home()), line -> ctx.err().println("==> " + line));
      JobRunner.Outcome outcome =
          runner.run(file, values, meta, detach, Duration.ofSeconds(timeout));
      (outcome.exitCode() == 0 ? ctx.out() : ctx.err())
          .println(outcome.jobId() + ": " + outcome.message());
      return outcome.exitCode();
    }
  }

  @Command(
      name = "status",
      description = "Show a job: status, booty's meta, deployment and allocations.")
  static final class Status extends NomadCommand {
    @Parameters(paramLabel = "JOB", description = "job id")
    String id;

    @Option(names = "--json", description = "print JSON: {job, deployment, allocations}")
    boolean json;

    Status(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() throws Exception {
      NomadApi nomad = nomad();
      JsonNode job = nomad.job(id);
      if (job == null) {
        throw BootyException.failure(
            "Nomad knows no job '" + id + "' (booty job list shows the jobs)");
      }
      JsonNode deployment = nomad.latestDeployment(id);
      JsonNode allocs = nomad.allocations(id);
      if (json) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job", job);
        out.put("deployment", deployment);
        out.put("allocations", allocs);
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
      for (JsonNode a : allocs) {
        t.row(
            a.path("ID").asText().substring(0, 8),
            a.path("TaskGroup").asText(),
            a.path("DesiredStatus").asText(),
            a.path("ClientStatus").asText(),
            a.path("NodeName").asText());
      }
      ctx.out().println();
      t.print(ctx.out());
      printConsulServices(job);
      return 0;
    }

    /** Each service the job declares, as the stack's Consul sees it. */
    private void printConsulServices(JsonNode job) {
      java.util.Set<String> names = new java.util.TreeSet<>();
      for (JsonNode group : job.path("TaskGroups")) {
        group.path("Services").forEach(s -> names.add(s.path("Name").asText()));
        group
            .path("Tasks")
            .forEach(
                task -> task.path("Services").forEach(s -> names.add(s.path("Name").asText())));
      }
      if (names.isEmpty()) {
        return;
      }
      StackPorts ports =
          StackPorts.load(home().root().resolve("stack").resolve("ports.json"), Map.of());
      Table t = new Table("SERVICE", "INSTANCE", "ADDRESS", "CHECKS");
      try (StackConsul consul = new StackConsul("http://127.0.0.1:" + ports.get("consul.http"))) {
        for (String name : names) {
          for (StackConsul.Instance i : consul.service(name)) {
            t.row(name, i.id(), i.address() + ":" + i.port(), String.join(", ", i.checks()));
          }
        }
      }
      ctx.out().println();
      t.print(ctx.out());
    }
  }

  @Command(
      name = "stop",
      description = "Stop a job (like 'nomad job stop'); --purge also removes it from Nomad.")
  static final class Stop extends NomadCommand {
    @Parameters(paramLabel = "JOB", description = "job id")
    String id;

    @Option(names = "--purge", description = "remove the job from Nomad entirely")
    boolean purge;

    Stop(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() {
      String eval = nomad().stop(id, purge);
      ctx.out()
          .println(
              "stopped " + id + (purge ? " and purged it" : "") + " (evaluation " + eval + ")");
      return 0;
    }
  }

  @Command(name = "list", description = "List Nomad's jobs, with who submitted them.")
  static final class ListJobs extends NomadCommand {
    @Option(names = "--json", description = "print JSON")
    boolean json;

    ListJobs(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() throws Exception {
      List<NomadApi.JobSummary> jobs = nomad().jobs();
      if (json) {
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
}

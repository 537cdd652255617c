package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.OutputOptions;
import dev.booty.cli.Table;
import dev.booty.core.deploy.DeploymentState;
import dev.booty.core.deploy.StackEndpoints;
import dev.booty.core.install.ComponentStatus;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.stack.StackController;
import dev.booty.core.stack.StackNetwork;
import dev.booty.core.stack.StackPorts;
import dev.booty.core.stack.StackState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "status",
    description = {
      "Show the local stack (service, version, pid, address, health, uptime, restarts), the"
          + " deployed scenarios and each installed component's active version. Exit 1 when a running service is unhealthy or"
          + " an installed binary does not answer its version command. Shows where other hosts"
          + " reach the stack ('booty up --advertise'). --json prints {stack (with advertise),"
          + " endpoints (what agents and plugins are told), scenarios, components}."
    })
public final class StatusCommand extends BaseCommand {
  @Mixin OutputOptions output;

  StatusCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    Optional<StackState> stack = localStack().running();
    List<ComponentStatus> rows = components().status();
    List<DeploymentState> deployed = DeploymentState.all(home().root());
    if (output.json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("stack", stack.orElse(null));
      out.put("endpoints", endpoints(stack).orElse(null));
      out.put("scenarios", deployed);
      out.put("components", rows);
      printJson(out);
    } else {
      ctx.out().println("booty home: " + home().root());
      if (stack.isPresent()) {
        printStack(ctx, stack.get());
        printNetwork(ctx, stack.get(), StackPorts.load(home().stack().ports(), Map.of()));
      } else {
        ctx.out().println("stack: not running ('booty up' starts it)");
      }
      if (!deployed.isEmpty()) {
        ctx.out().println();
        Table d = new Table("SCENARIO", "HOSTING", "CLUSTER", "DATA CENTRES", "JOBS", "DEPLOYED");
        for (DeploymentState s : deployed) {
          d.row(
              s.scenario(),
              s.hosting(),
              s.cluster(),
              String.join(
                  ",",
                  s.dataCenters().stream()
                      .map(dc -> dc.name() + "(" + dc.servers() + ")")
                      .toList()),
              s.jobs().size(),
              s.appliedAt());
        }
        d.print(ctx.out());
      }
      ctx.out().println();
      Table t = new Table("COMPONENT", "ACTIVE", "INSTALLED", "HEALTH", "BINARY");
      for (ComponentStatus s : rows) {
        t.row(
            s.component(),
            s.active(),
            s.installed().isEmpty() ? null : String.join(",", s.installed()),
            s.health(),
            s.binary());
      }
      t.print(ctx.out());
    }
    boolean brokenBinary = rows.stream().anyMatch(s -> s.active() != null && !s.ok());
    boolean unhealthy =
        stack.map(s -> s.services().stream().anyMatch(x -> !x.healthy())).orElse(false);
    return brokenBinary || unhealthy ? 1 : 0;
  }

  /** The stack table, shared with {@code booty up}. */
  static void printStack(CliContext ctx, StackState state) {
    ctx.out()
        .println(
            "stack: "
                + state.phase()
                + " (supervisor pid "
                + state.supervisorPid()
                + ")"
                + (state.message() == null || state.message().isEmpty()
                    ? ""
                    : ": " + state.message()));
    Table t = new Table("SERVICE", "VERSION", "PID", "ADDRESS", "HEALTH", "UPTIME", "RESTARTS");
    for (StackState.Service s : state.services()) {
      t.row(
          s.name(),
          s.version(),
          s.pid() > 0 ? s.pid() : null,
          s.address(),
          (s.healthy() ? "healthy" : "unhealthy") + (s.health() == null ? "" : ": " + s.health()),
          uptime(s.startedAt(), s.pid()),
          s.restarts());
    }
    t.print(ctx.out());
  }

  /** Where other hosts reach the stack, shared with {@code booty up}. */
  static void printNetwork(CliContext ctx, StackState state, StackPorts ports) {
    String advertise = state.advertise() == null ? StackNetwork.LOOPBACK : state.advertise();
    StackNetwork net = new StackNetwork(advertise);
    if (!net.exposed()) {
      ctx.out()
          .println(
              "network: loopback only ('booty up --advertise ADDR' lets other hosts' agents"
                  + " join)");
      return;
    }
    ctx.out()
        .println(
            "network: advertised at "
                + advertise
                + ": "
                + String.join(
                    ", ",
                    StackNetwork.EXPOSED.stream()
                        .map(n -> n + " " + net.hostPort(ports, n))
                        .toList())
                + " (mutual TLS, gossip key or NATS creds); everything else on loopback");
  }

  /** What agents and plugins are told of the running stack; empty unless it is up. */
  private Optional<Map<String, String>> endpoints(Optional<StackState> stack) {
    if (stack.isEmpty() || !stack.get().phase().equals(StackState.UP)) {
      return Optional.empty();
    }
    StackController controller = new StackController(home(), new ComponentStore(home()), Map.of());
    return Optional.of(new java.util.TreeMap<>(StackEndpoints.of(controller).asMap()));
  }

  private static String uptime(String startedAt, long pid) {
    if (startedAt == null || pid <= 0) {
      return null;
    }
    long secs = Duration.between(Instant.parse(startedAt), Instant.now()).toSeconds();
    return secs < 60
        ? secs + "s"
        : secs < 3600
            ? (secs / 60) + "m" + (secs % 60) + "s"
            : (secs / 3600) + "h" + (secs % 3600 / 60) + "m";
  }
}

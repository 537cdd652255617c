package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.Main;
import dev.booty.cli.OutputOptions;
import dev.booty.cli.Table;
import dev.booty.core.BootyException;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.local.StackLauncher;
import dev.booty.core.security.StackCredentials;
import dev.booty.core.stack.CaddyService;
import dev.booty.core.stack.ServiceSpec;
import dev.booty.core.stack.StackController;
import dev.booty.core.stack.StackNetwork;
import dev.booty.core.stack.StackState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "up",
    description = {
      "Boot the local control stack: Consul, Nomad (server and client), VictoriaMetrics and Caddy"
          + " as the front door, each supervised by"
          + " booty (restarted on crash, logs in the booty home). Shows the plan, then starts the"
          + " services in order, each once the ones before are healthy. Detached unless"
          + " --foreground. A stack that is already up is left as it is.",
      "Everything listens on loopback unless --advertise gives an address of this machine that"
          + " other hosts reach (needed by 'hosting: ssh' data centres): then Nomad's RPC and"
          + " gossip, Consul's server RPC and LAN gossip and the control plane's NATS listen there"
          + " (each needs booty's CA, gossip key or NATS creds), and agents are told that"
          + " address. HTTP APIs, UIs, VictoriaMetrics and Caddy stay on loopback."
    },
    footer = {
      "",
      "Examples:",
      "  booty up",
      "  booty up --foreground",
      "  booty up --port nomad.http=15646",
      "  booty up --advertise 192.168.1.10   # other hosts join there (remembered)",
      "  booty up --advertise 127.0.0.1      # loopback only again (after booty down)"
    })
public final class UpCommand extends BaseCommand {
  @Option(names = "--foreground", description = "stay attached; Ctrl-C stops the stack")
  boolean foreground;

  @Option(
      names = "--new-password",
      description = "generate a new front-door password (the old one stops working)")
  boolean newPassword;

  @Option(
      names = "--advertise",
      paramLabel = "ADDR",
      description =
          "an IPv4 address of this machine where other hosts reach the stack's agent ports"
              + " (remembered; 127.0.0.1 = loopback only, the default). Changing it needs"
              + " 'booty down' first")
  String advertise;

  @Mixin StackOptions stack;

  @Mixin OutputOptions output;

  UpCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    StackNetwork network = null;
    if (advertise != null) {
      network = StackNetwork.parse(advertise);
      network.requireLocal(StackNetwork.machineAddresses()); // before anything is touched
    }
    StackController controller =
        new StackController(home(), new ComponentStore(home()), stack.overrides(), network);
    Optional<StackState> state = controller.state();
    if (state.isPresent() && state.get().supervisorAlive()) {
      if (network != null) {
        controller.requireSameNetwork(state.get());
      }
      if (output.json) {
        printJson(result(controller, state.get()));
      } else {
        ctx.out()
            .println(
                "the stack is already up (supervisor pid "
                    + state.get().supervisorPid()
                    + "); nothing to do");
      }
      return 0;
    }
    if (state.isPresent()) {
      List<String> ended = controller.cleanOrphans(state.get());
      output
          .progress(ctx, "")
          .accept(
              "a previous supervisor is gone; cleaned up "
                  + (ended.isEmpty() ? "its state" : String.join(", ", ended)));
    }
    if (newPassword) {
      controller.forgetPassword();
    }
    boolean securedBefore = StackCredentials.present(home());
    List<ServiceSpec> plan = controller.plan();
    if (!securedBefore) {
      output.progress(ctx, "").accept(upgradeNote());
    }
    if (!output.quiet && !output.json) {
      printPlan(plan);
    }
    StackController.checkPortsFree(plan, controller.context().network());
    StackLauncher launcher = new StackLauncher(controller);
    if (foreground) {
      launcher.foreground(plan, ctx.err()::println);
      return 0;
    }
    StackState outcome = launcher.detached(Main.class.getName(), stack.ports, ctx.env());
    if (output.json) {
      printJson(result(controller, outcome));
    } else {
      StatusCommand.printStack(ctx, outcome);
    }
    if (!outcome.phase().equals(StackState.UP)) {
      throw BootyException.failure("the stack did not come up: " + outcome.message());
    }
    if (output.json) {
      return 0;
    }
    StatusCommand.printNetwork(ctx, outcome, controller.context().ports());
    ctx.out()
        .println("front door: " + controller.frontDoor() + "  (user " + CaddyService.USER + ")");
    controller
        .newPassword()
        .ifPresent(
            pw ->
                ctx.out()
                    .println(
                        "password:   "
                            + pw
                            + "  (generated now and shown only this once; keep it)"));
    ctx.out()
        .println(
            "security: Nomad and Consul need booty's tokens and certificates (HOME/security);"
                + " the front door's HTTPS certificate is from booty's CA too:"
                + " 'booty ca export' prints the CA for your browser");
    ctx.out().println("logs: " + home().stack().logs() + "   stop with: booty down");
    return 0;
  }

  /**
   * What the first {@code up} of a home says when it secures the stack: made for a new home, an
   * upgrade in place for an old one, whose deployed scenarios must be deployed again.
   */
  private String upgradeNote() {
    List<String> deployed = new ArrayList<>();
    try (var dirs = java.nio.file.Files.list(home().root().resolve("scenarios"))) {
      dirs.filter(java.nio.file.Files::isDirectory)
          .forEach(d -> deployed.add(d.getFileName().toString()));
    } catch (java.io.IOException e) {
      // no scenarios folder: nothing deployed
    }
    String note =
        "securing the stack: Nomad and Consul ACLs (anonymous requests refused), Consul gossip"
            + " encryption, TLS with booty's new CA on RPC and HTTPS; credentials in "
            + StackCredentials.dir(home());
    if (deployed.isEmpty()) {
      return note;
    }
    java.util.Collections.sort(deployed);
    return note
        + "\nscenarios deployed before ("
        + String.join(", ", deployed)
        + ") joined without credentials: deploy each again ('booty deploy FILE') so its agents"
        + " get certificates and tokens";
  }

  private static Map<String, Object> result(StackController controller, StackState state) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("stack", state);
    out.put("frontDoor", controller.frontDoor());
    out.put("user", CaddyService.USER);
    out.put("password", controller.newPassword().orElse(null));
    out.put("logs", controller.context().home().stack().logs().toString());
    return out;
  }

  private void printPlan(List<ServiceSpec> plan) {
    ctx.out().println("plan:");
    Table t = new Table("  STEP", "SERVICE", "VERSION", "PORTS", "AFTER");
    int step = 1;
    for (ServiceSpec s : plan) {
      List<String> ports = new ArrayList<>();
      s.ports().forEach((k, v) -> ports.add(k.substring(k.indexOf('.') + 1) + "=" + v));
      t.row(
          "  " + step++,
          s.name(),
          s.version(),
          String.join(" ", ports),
          s.after().isEmpty() ? "-" : String.join(",", s.after()));
    }
    t.print(ctx.out());
  }
}

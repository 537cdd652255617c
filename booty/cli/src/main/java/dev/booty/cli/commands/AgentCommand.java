package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.BootyVersion;
import dev.booty.cli.CliContext;
import dev.booty.core.BootyException;
import dev.booty.core.backchannel.agent.Agent;
import dev.booty.core.backchannel.agent.AgentConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "agent",
    hidden = true,
    description = {
      "Run a node's agent (a Nomad system job runs one per node): it connects to the control-plane"
          + " NATS at exactly --control-plane, heartbeats, publishes the host's and the local"
          + " nats-servers' figures, and answers booty's commands (booty cmd). Runs until SIGTERM"
          + " or SIGINT; a control plane that is away or refuses the creds is retried forever (1 s"
          + " doubling to 30 s), one line on stderr each time.",
      "The local nats-servers are the services with meta nats_server in --consul's agent."
    },
    footer = {
      "",
      "Example:",
      "  booty agent --control-plane nats://127.0.0.1:14222 \\",
      "      --creds agent-local-3dc-dallas.creds --node local-3dc-dallas \\",
      "      --dc dallas --scenario local-3dc --consul http://127.77.1.1:8500 \\",
      "      --nats-server /path/to/nats-server"
    })
public final class AgentCommand extends BaseCommand {
  @Option(
      names = "--control-plane",
      required = true,
      paramLabel = "URL",
      description = "the control-plane NATS, the only server the agent connects to")
  String controlPlane;

  @Option(names = "--creds", paramLabel = "FILE", description = "the agent's creds (none: no auth)")
  Path creds;

  @Option(names = "--node", required = true, paramLabel = "NAME", description = "this node's name")
  String node;

  @Option(names = "--dc", required = true, paramLabel = "NAME", description = "its data centre")
  String dc;

  @Option(names = "--scenario", paramLabel = "NAME", description = "the scenario it belongs to")
  String scenario;

  @Option(
      names = "--consul",
      paramLabel = "URL",
      description =
          "the data centre's Consul agent (http://127.77.1.1:8500), which lists the local"
              + " nats-servers; without it the agent watches none")
  String consul;

  @Option(
      names = "--heartbeat",
      paramLabel = "DURATION",
      defaultValue = "2s",
      description = "heartbeat interval (default: ${DEFAULT-VALUE})")
  Duration heartbeat;

  @Option(
      names = "--telemetry",
      paramLabel = "DURATION",
      defaultValue = "5s",
      description = "telemetry interval (default: ${DEFAULT-VALUE})")
  Duration telemetry;

  @Option(
      names = "--nats-server",
      paramLabel = "PATH",
      description =
          "the nats-server binary that signals lame-duck mode (default: nats-server on PATH)")
  String natsServer;

  AgentCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() {
    URI consulUri = null;
    if (consul != null) {
      consulUri = URI.create(consul);
      if (!"http".equals(consulUri.getScheme()) && !"https".equals(consulUri.getScheme())) {
        throw BootyException.usage("--consul " + consul + ": expected http://HOST:PORT");
      }
    }
    String version = new BootyVersion().getVersion()[0].replaceFirst("^booty ", "");
    AgentConfig config;
    try {
      config =
          new AgentConfig(
              controlPlane,
              creds,
              node,
              dc,
              scenario,
              consulUri,
              heartbeat,
              telemetry,
              natsServer,
              version);
    } catch (IllegalArgumentException e) {
      throw BootyException.usage(e.getMessage());
    }
    Agent agent =
        new Agent(
            config,
            line ->
                ctx.err()
                    .println(
                        Instant.now().truncatedTo(ChronoUnit.MILLIS)
                            + " booty agent "
                            + node
                            + ": "
                            + line));
    Thread stop = new Thread(agent::close, "booty-agent-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    try {
      agent.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      agent.close();
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook is what stopped the agent
      }
    }
    return 0;
  }
}

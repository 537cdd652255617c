package dev.booty.cli;

import dev.booty.cli.commands.AgentCommand;
import dev.booty.cli.commands.BrowsersCommand;
import dev.booty.cli.commands.CaCommand;
import dev.booty.cli.commands.ChaosCommand;
import dev.booty.cli.commands.ClientCommand;
import dev.booty.cli.commands.ClientsCommand;
import dev.booty.cli.commands.CmdCommand;
import dev.booty.cli.commands.CompletionCommand;
import dev.booty.cli.commands.DeployCommand;
import dev.booty.cli.commands.DestroyCommand;
import dev.booty.cli.commands.DownCommand;
import dev.booty.cli.commands.ImageCommand;
import dev.booty.cli.commands.InstallCommand;
import dev.booty.cli.commands.JobCommand;
import dev.booty.cli.commands.ListCommand;
import dev.booty.cli.commands.LogsCommand;
import dev.booty.cli.commands.MetricsCommand;
import dev.booty.cli.commands.MirrorCommand;
import dev.booty.cli.commands.NodesCommand;
import dev.booty.cli.commands.PluginsCommand;
import dev.booty.cli.commands.ScenarioCommand;
import dev.booty.cli.commands.StatusCommand;
import dev.booty.cli.commands.SuperviseCommand;
import dev.booty.cli.commands.UninstallCommand;
import dev.booty.cli.commands.UpCommand;
import dev.booty.cli.commands.UseCommand;
import picocli.CommandLine.Command;

/** The top of booty's command tree. */
@Command(
    name = "booty",
    mixinStandardHelpOptions = true,
    versionProvider = BootyVersion.class,
    description = {
      "Installs and boots Nomad, Consul and NATS, and measures what a geo-distributed NATS fleet"
          + " does when a data centre dies, flaps or is upgraded.",
      "",
      "Components live in the booty home (~/.booty, or BOOTY_HOME, or --home)."
    },
    commandListHeading = "%nCommands:%n",
    footer = {
      "",
      "Examples:",
      "  booty install                        every component at its default version",
      "  booty install nats-server@2.10.27 nats-server@2.11.17",
      "  booty install --from /media/mirror nomad consul",
      "  booty list",
      "  booty status --json",
      "  source <(booty completion bash)"
    },
    exitCodeListHeading = "%nExit codes (every command):%n",
    subcommands = {
      InstallCommand.class,
      UninstallCommand.class,
      UseCommand.class,
      ListCommand.class,
      StatusCommand.class,
      MirrorCommand.class,
      UpCommand.class,
      DownCommand.class,
      LogsCommand.class,
      MetricsCommand.class,
      JobCommand.class,
      ImageCommand.class,
      PluginsCommand.class,
      DeployCommand.class,
      DestroyCommand.class,
      ScenarioCommand.class,
      SuperviseCommand.class,
      AgentCommand.class,
      NodesCommand.class,
      CmdCommand.class,
      ClientCommand.class,
      ClientsCommand.class,
      BrowsersCommand.class,
      ChaosCommand.class,
      dev.booty.cli.commands.RunsCommand.class,
      CaCommand.class,
      CompletionCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
public final class BootyCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

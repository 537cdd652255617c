package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.OutputOptions;
import dev.booty.core.nomad.NomadApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "job",
    description =
        "Run, watch and stop Nomad jobs on the local stack (they are ordinary Nomad jobs).",
    subcommands = {
      JobRunCommand.class,
      JobStatusCommand.class,
      JobStopCommand.class,
      JobListCommand.class
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

    @Mixin OutputOptions output;

    NomadCommand(CliContext ctx) {
      super(ctx);
    }

    NomadApi nomad() {
      return localStack().nomad(address);
    }
  }
}

package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.OutputOptions;
import dev.booty.core.manifest.ComponentRef;
import dev.booty.core.source.MirrorIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "mirror",
    description = "Offline mirrors: folders 'booty install --from DIR' installs from.",
    subcommands = {MirrorCommand.Clone.class})
public final class MirrorCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "clone",
      description = {
        "Copy installed versions from the booty home into a mirror folder, with their sha256 in"
            + " DIR/mirror.json. A component without @VERSION means its active version."
      })
  static final class Clone extends BaseCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "mirror folder (created if missing)")
    Path dir;

    @Parameters(
        index = "1..*",
        arity = "1..*",
        paramLabel = "COMPONENT[@VERSION]",
        description = "what to copy")
    List<String> refs;

    @Mixin OutputOptions output;

    Clone(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() throws Exception {
      List<MirrorIndex.Entry> added =
          components().mirrorClone(dir, refs.stream().map(ComponentRef::parse).toList());
      if (output.json) {
        printJson(Map.of("mirror", dir.toAbsolutePath().normalize().toString(), "added", added));
        return 0;
      }
      for (MirrorIndex.Entry e : added) {
        ctx.out().println("mirrored " + e.file() + "  sha256:" + e.sha256());
      }
      ctx.out()
          .println(
              "install from it with: booty install --from " + dir.toAbsolutePath().normalize());
      return 0;
    }
  }
}

package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.OutputOptions;
import dev.booty.core.BootyException;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.install.InstalledVersion;
import dev.booty.core.manifest.ComponentRef;
import dev.booty.core.stack.ImageBuilder;
import dev.booty.core.stack.StackController;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "image",
    description =
        "Container images of installed components, for docker jobs (built locally: no registry needed).",
    subcommands = {ImageCommand.Build.class})
public final class ImageCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "build",
      description = {
        "Build localhost/booty/NAME:VERSION (and :latest) with Podman: FROM scratch, the installed"
            + " binary and the shared libraries it needs."
      },
      footer = {"", "Example:", "  booty image build nats-server"})
  static final class Build extends BaseCommand {
    @Parameters(
        paramLabel = "COMPONENT[@VERSION]",
        description = "an installed component (default: its active version)")
    String ref;

    @Mixin OutputOptions output;

    Build(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() throws Exception {
      ComponentRef r = ComponentRef.parse(ref);
      ComponentStore store = new ComponentStore(home());
      components().manifest().component(r.name());
      String version =
          r.version() != null
              ? r.version()
              : store
                  .active(r.name())
                  .orElseThrow(() -> BootyException.failure(r.name() + " is not installed"));
      InstalledVersion v =
          store
              .find(r.name(), version)
              .orElseThrow(
                  () -> BootyException.failure(r.name() + "@" + version + " is not installed"));
      StackController controller = new StackController(home(), store, Map.of());
      List<String> tags = ImageBuilder.build(controller.context(), v, output.progress(ctx, "==> "));
      if (output.json) {
        printJson(Map.of("component", r.name(), "version", version, "tags", tags));
      } else {
        tags.forEach(t -> ctx.out().println("built " + t));
      }
      return 0;
    }
  }
}

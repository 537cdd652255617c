package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.ConsoleProgress;
import dev.booty.cli.OutputOptions;
import dev.booty.core.BootyException;
import dev.booty.core.ExitCode;
import dev.booty.core.install.ComponentManager;
import dev.booty.core.install.InstallResult;
import dev.booty.core.install.Installer;
import dev.booty.core.manifest.ComponentRef;
import dev.booty.core.source.Sources;
import dev.booty.core.util.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "install",
    description = {
      "Install components into the booty home, each verified and moved into place atomically.",
      "",
      "Sources, tried in order until one can serve (--source forces one):",
      "  installed  already in the booty home at that version: nothing to do",
      "  mirror     an offline mirror folder given with --from DIR (tried first when given)",
      "  release    the publisher's release archive, checked against its SHA-256/512 file",
      "  go         a build of the Go module at that version with the local Go toolchain",
      "  system     the Debian package (only with --allow-system-packages)",
      "A checksum mismatch stops the install: it is never papered over by another source."
    },
    footer = {
      "",
      "Examples:",
      "  booty install                              every component, default versions",
      "  booty install nomad consul@1.20.6",
      "  booty install nats-server@2.10.27 nats-server@2.11.17   side by side",
      "  booty install --source go toxiproxy",
      "  booty install --from ./mirror --json nomad"
    })
public final class InstallCommand extends BaseCommand {
  @Parameters(
      paramLabel = "COMPONENT[@VERSION]",
      arity = "0..*",
      description = "what to install (default: every component at its default version)")
  List<String> components = new ArrayList<>();

  @Mixin SourceOptions sources;

  @Mixin OutputOptions output;

  @Option(
      names = {"-v", "--verbose"},
      description = "also show the output of the tools booty runs (go, apt)")
  boolean verbose;

  InstallCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    ComponentManager manager = components();
    List<ComponentRef> refs = new ArrayList<>();
    if (components.isEmpty()) {
      manager.manifest().components().keySet().forEach(n -> refs.add(new ComponentRef(n, null)));
    } else {
      components.forEach(c -> refs.add(ComponentRef.parse(c)));
    }
    manager.validate(refs);
    Sources options = sources.options();

    List<InstallResult> results = new ArrayList<>();
    Map<String, String> errors = new LinkedHashMap<>();
    boolean live = !output.quiet && !output.json;
    try (ConsoleProgress console = new ConsoleProgress(ctx.err(), ctx.interactive(), verbose)) {
      Progress progress = live ? console : Progress.silent();
      Installer installer = manager.installer(options, progress);
      for (ComponentRef ref : refs) {
        try {
          InstallResult r = installer.install(ref);
          console.finish(ref.name());
          results.add(r);
          if (!output.json) {
            ctx.out().println(describe(r));
          }
        } catch (BootyException e) {
          console.finish(ref.name());
          if (e.exitCode() == ExitCode.USAGE) {
            throw e;
          }
          errors.put(ref.toString(), e.getMessage());
          if (!output.json) {
            ctx.err().println("✗ " + ref + ": " + e.getMessage());
          }
        }
      }
    }
    if (output.json) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("results", results);
      json.put("errors", errors);
      printJson(json);
    } else if (!errors.isEmpty() && refs.size() > 1) {
      ctx.err()
          .println(
              errors.size()
                  + " of "
                  + refs.size()
                  + " failed: "
                  + String.join(", ", errors.keySet()));
    }
    return errors.isEmpty() ? 0 : ExitCode.FAILURE.code();
  }

  private static String describe(InstallResult r) {
    String active = r.active() ? " (active)" : "";
    if (r.status().equals(InstallResult.ALREADY)) {
      return "· " + r.component() + " " + r.version() + " already installed" + active;
    }
    return String.format(
        "✓ %s %s installed from %s in %.1fs, %.1f MB%s%n    %s",
        r.component(),
        r.version(),
        r.source(),
        r.seconds(),
        r.sizeBytes() / 1e6,
        active,
        r.binary());
  }
}

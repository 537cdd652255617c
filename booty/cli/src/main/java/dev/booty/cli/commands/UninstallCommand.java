package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.OutputOptions;
import dev.booty.core.install.ComponentManager;
import dev.booty.core.manifest.ComponentRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "uninstall",
    description = {
      "Remove installed versions. When the active version goes, the newest remaining one"
          + " becomes active."
    })
public final class UninstallCommand extends BaseCommand {
  @Parameters(paramLabel = "COMPONENT@VERSION", arity = "1..*", description = "versions to remove")
  List<String> refs;

  @Mixin OutputOptions output;

  UninstallCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int execute() throws Exception {
    ComponentManager manager = components();
    List<Map<String, Object>> removed = new ArrayList<>();
    for (String text : refs) {
      ComponentRef ref = ComponentRef.parse(text);
      Optional<String> active = manager.uninstall(ref);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("removed", ref.toString());
      row.put("active", active.map(a -> ref.name() + "@" + a).orElse(null));
      removed.add(row);
      if (!output.json) {
        ctx.out()
            .println(
                "removed " + ref + active.map(a -> "; active: " + ref.name() + "@" + a).orElse(""));
      }
    }
    if (output.json) {
      printJson(removed);
    }
    return 0;
  }
}

package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.core.plugin.BundledPlugins;
import dev.booty.core.run.ScenarioCheck;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import dev.booty.core.scenario.ScenarioSummary;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "scenario",
    description = {
      "Scenario files: data centres, the WAN between them, the NATS cluster, clients, faults"
          + " and expectations (see scenarios/README.md)."
    },
    subcommands = {ScenarioCommand.Validate.class, ScenarioRunCommand.class})
public final class ScenarioCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "validate",
      description = {
        "Read a scenario file and check it, and the plugins it names against the installed ones;"
            + " print a summary. A problem is reported as FILE:LINE:COLUMN: KEY: what is wrong"
            + " (exit 2)."
      })
  static final class Validate extends BaseCommand {
    @Parameters(paramLabel = "FILE", description = "the scenario file")
    Path file;

    @Option(names = "--json", description = "print the scenario, defaults applied, as JSON")
    boolean json;

    @Option(
        names = "--no-plugin-check",
        description = "do not check the plugin ids and steps against the installed plugins")
    boolean noPluginCheck;

    Validate(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() throws Exception {
      Scenario s = ScenarioLoader.load(file);
      ScenarioCheck.Plugins check =
          ScenarioCheck.check(s, home(), BundledPlugins.location(ctx.env()), !noPluginCheck);
      if (json) {
        Map<String, Object> out = ScenarioSummary.json(s);
        out.put(
            "pluginCheck",
            switch (check) {
              case CHECKED -> "checked";
              case NONE_INSTALLED -> "none installed";
              case SKIPPED -> "skipped";
            });
        printJson(out);
        return 0;
      }
      ctx.out().println(file + ": valid");
      ScenarioSummary.text(s).forEach(ctx.out()::println);
      ctx.out()
          .println(
              switch (check) {
                case CHECKED -> "plugins and steps checked against the installed plugins";
                case NONE_INSTALLED -> "plugins not checked: none installed";
                case SKIPPED -> "plugins not checked (--no-plugin-check)";
              });
      return 0;
    }
  }
}

package dev.booty.cli.commands;

import dev.booty.cli.CliContext;
import dev.booty.core.BootyException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    description = {
      "Print a shell completion script for booty's commands and options (bash, also read by zsh"
          + " through bashcompinit)."
    },
    footer = {
      "",
      "Examples:",
      "  source <(booty completion bash)",
      "  booty completion zsh > ~/.zfunc/_booty"
    })
public final class CompletionCommand implements java.util.concurrent.Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh", defaultValue = "bash")
  String shell;

  CompletionCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw BootyException.usage("completion " + shell + ": expected bash or zsh");
    }
    CommandLine root = spec.commandLine();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    String script = AutoComplete.bash(root.getCommandName(), root);
    if (shell.equals("zsh")) {
      script =
          "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
              + script;
    }
    ctx.out().print(script);
    ctx.out().flush();
    return 0;
  }
}

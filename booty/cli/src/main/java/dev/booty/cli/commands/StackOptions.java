package dev.booty.cli.commands;

import dev.booty.core.BootyException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --port NAME=PORT}, shared by the commands that plan the stack. */
public final class StackOptions {
  @Option(
      names = "--port",
      paramLabel = "NAME=PORT",
      description = "move one of the stack's ports, e.g. --port nomad.http=15646 (remembered)")
  List<String> ports = List.of();

  public Map<String, Integer> overrides() {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (String p : ports) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw BootyException.usage("--port " + p + ": expected NAME=PORT");
      }
      try {
        m.put(p.substring(0, eq), Integer.parseInt(p.substring(eq + 1)));
      } catch (NumberFormatException e) {
        throw BootyException.usage(
            "--port " + p + ": '" + p.substring(eq + 1) + "' is not a port number");
      }
    }
    return m;
  }
}

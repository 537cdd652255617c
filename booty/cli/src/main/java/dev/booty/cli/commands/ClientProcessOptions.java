package dev.booty.cli.commands;

import dev.booty.core.BootyException;
import dev.booty.core.client.ClientConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where a process of a scenario's test clients belongs, a {@code @Mixin} shared by {@code booty
 * clients} (JVM clients) and {@code booty browsers} (one Chromium page): the control plane, the
 * run, its allocation index and instance, and how many clients it holds. Names its clients and
 * itself the one way both use.
 */
public final class ClientProcessOptions {
  @Option(names = "--control-plane", required = true, paramLabel = "URL")
  String controlPlane;

  @Option(names = "--creds", paramLabel = "FILE", description = "creds for the control plane")
  Path creds;

  @Option(names = "--scenario", required = true, paramLabel = "NAME")
  String scenario;

  @Option(names = "--run", required = true, paramLabel = "ID", description = "the run's id")
  String run;

  @Option(
      names = "--index",
      defaultValue = "0",
      paramLabel = "N",
      description = "this process's allocation index (default: ${DEFAULT-VALUE})")
  int index;

  @Option(
      names = "--instance",
      paramLabel = "ID",
      description =
          "tells this process's clients from earlier ones of the same index (Nomad's short"
              + " allocation id); clients are named GROUP-INDEX-N-ID")
  String instance;

  @Option(
      names = "--count",
      defaultValue = "1",
      paramLabel = "N",
      description = "how many clients (default: ${DEFAULT-VALUE})")
  int count;

  /** {@code -ID4} (the instance's first four characters), or empty without an instance. */
  private String suffix() {
    return instance == null || instance.isBlank()
        ? ""
        : "-" + instance.substring(0, Math.min(4, instance.length()));
  }

  /** This process's name: {@code GROUP-INDEX}, plus {@code -ID4} with an instance. */
  String processName(String group) {
    return group + "-" + index + suffix();
  }

  /**
   * The configurations of this process's {@code --count} clients, named {@code
   * GROUP-INDEX-N(-ID4)}; a usage error names what is wrong.
   */
  List<ClientConfig> configs(ClientOptions client) {
    if (count < 1) {
      throw BootyException.usage("--count " + count + ": at least 1");
    }
    String group = client.group();
    List<ClientConfig> configs = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        configs.add(client.builder(group + "-" + index + "-" + i + suffix()).build());
      }
    } catch (IllegalArgumentException e) {
      throw BootyException.usage(e.getMessage());
    }
    return configs;
  }
}

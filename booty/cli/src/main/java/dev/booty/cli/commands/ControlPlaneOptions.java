package dev.booty.cli.commands;

import dev.booty.core.local.LocalStack;
import io.nats.client.Connection;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where booty reaches the agents, a {@code @Mixin}: the stack's control-plane NATS with booty's
 * creds, unless {@code --control-plane} (and {@code --creds}) name another, such as NGS.
 */
public final class ControlPlaneOptions {
  @Option(
      names = "--control-plane",
      paramLabel = "URL",
      description =
          "the control-plane NATS (default: the stack's, nats://127.0.0.1:<nats.client port>,"
              + " or its 'booty up --advertise' address)")
  String url;

  @Option(
      names = "--creds",
      paramLabel = "FILE",
      description =
          "creds to connect with (default: HOME/stack/nats/creds/booty.creds for the stack's;"
              + " none with --control-plane)")
  Path creds;

  /** A connection to the control plane; what its server refuses later goes to {@code err}. */
  Connection connect(LocalStack stack, PrintStream err) {
    return stack.controlPlane(url, creds, w -> err.println("booty: control plane " + w));
  }
}

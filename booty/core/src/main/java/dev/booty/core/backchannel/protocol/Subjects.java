package dev.booty.core.backchannel.protocol;

import java.util.regex.Pattern;

/**
 * The subjects of the back channel (docs/backchannel.md): heartbeats, commands and telemetry, one
 * token per node. A node name is a single subject token, so it may hold letters, digits, {@code _}
 * and {@code -} only.
 */
public final class Subjects {
  /** What a node name (and so a subject token) may hold. */
  public static final Pattern NODE = Pattern.compile("[A-Za-z0-9_-]+");

  static final String HEARTBEAT = "booty.agent.hb.";
  static final String COMMAND = "booty.cmd.";

  /** The prefix of every telemetry subject, {@code booty.telemetry.NODE}. */
  public static final String TELEMETRY = "booty.telemetry.";

  static final String CLIENTS = "booty.clients.";
  static final String RUN = "booty.run.";

  private Subjects() {}

  /** {@code booty.agent.hb.NODE}: where the agent of {@code node} heartbeats. */
  public static String heartbeat(String node) {
    return HEARTBEAT + token(node);
  }

  /** {@code booty.agent.hb.*}: every agent's heartbeats. */
  public static String heartbeats() {
    return HEARTBEAT + "*";
  }

  /** {@code booty.cmd.NODE.COMMAND}: a command to the agent of {@code node}. */
  public static String command(String node, String command) {
    return COMMAND + token(node) + "." + token(command);
  }

  /** {@code booty.cmd.NODE.>}: every command to the agent of {@code node}. */
  public static String commands(String node) {
    return COMMAND + token(node) + ".>";
  }

  /** {@code booty.telemetry.NODE}: where the agent of {@code node} publishes samples. */
  public static String telemetry(String node) {
    return TELEMETRY + token(node);
  }

  /** {@code booty.telemetry.*}: every agent's samples. */
  public static String telemetryAll() {
    return TELEMETRY + "*";
  }

  /** {@code booty.clients.SCENARIO.>}: everything a scenario's test clients and booty exchange. */
  public static String clients(String scenario) {
    return CLIENTS + token(scenario) + ".>";
  }

  /** {@code booty.clients.SCENARIO.report}: where a scenario's test client processes report. */
  public static String clientReports(String scenario) {
    return CLIENTS + token(scenario) + ".report";
  }

  /**
   * {@code booty.clients.SCENARIO.finish}: where booty asks a scenario's test client processes for
   * their final reports.
   */
  public static String clientFinish(String scenario) {
    return CLIENTS + token(scenario) + ".finish";
  }

  /** {@code booty.run.SCENARIO.event}: what a run of a scenario says as it goes (its events). */
  public static String runEvents(String scenario) {
    return RUN + scenario + ".event";
  }

  /** {@code booty.run.*.event}: every scenario's run events. */
  public static String runEventsAll() {
    return RUN + "*.event";
  }

  /** The last token of a subject: the command's name on {@code booty.cmd.NODE.COMMAND}. */
  public static String lastToken(String subject) {
    return subject.substring(subject.lastIndexOf('.') + 1);
  }

  /**
   * {@code name} if it can be a node name (one subject token of letters, digits, {@code _}, {@code
   * -}); otherwise an {@link IllegalArgumentException} that says why.
   */
  public static String token(String name) {
    if (name == null || !NODE.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' cannot be a subject token: use only letters, digits, '_' and '-' (node names"
              + " are tokens of booty.cmd.NODE.> and booty.agent.hb.NODE)");
    }
    return name;
  }
}

package dev.booty.plugins.chaos;

import dev.booty.api.ChaosContext.Path;
import dev.booty.api.ChaosContext.Signal;
import dev.booty.api.Durations;
import java.util.List;

/** How {@link FakeChaosContext} writes down each call, for tests to spell what they expect. */
final class Calls {
  private Calls() {}

  static String signal(List<String> servers, Signal signal) {
    return "signal " + String.join(",", servers) + " " + signal;
  }

  static String dns(String dataCenter, dev.booty.api.DnsChaos.State state) {
    return "dns " + dataCenter + " " + state;
  }

  static String servers(String dataCenter, boolean running) {
    return "servers " + dataCenter + (running ? " run" : " stop");
  }

  static String path(String a, String b, Path state) {
    return "path "
        + a
        + "~"
        + b
        + " "
        + (state.equals(Path.configured())
            ? "configured"
            : "rtt="
                + (state.rtt() == null ? "configured" : Durations.format(state.rtt()))
                + " loss="
                + state.loss()
                + " down="
                + state.down()
                + " silent="
                + state.silent());
  }

  static String upgrade(String server, String version) {
    return "upgrade " + server + " " + version;
  }

  static String version(String server) {
    return "version " + server;
  }

  static String scale(String dataCenter, int count) {
    return "scale " + dataCenter + " " + count;
  }

  static String sleep(String duration) {
    return "sleep " + duration;
  }
}

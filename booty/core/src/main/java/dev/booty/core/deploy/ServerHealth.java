package dev.booty.core.deploy;

import dev.booty.api.StackHttp;
import dev.booty.api.WanEmulation.Endpoint;
import dev.booty.core.BootyException;
import dev.booty.core.consul.StackConsul;
import dev.booty.core.util.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster's servers as Consul sees them: waiting until they pass, and, when they do not, each
 * unhealthy server by name with the output of its failing check (what its {@code /healthz} said).
 */
final class ServerHealth {
  private ServerHealth() {}

  /** Waits until {@code expected} instances of {@code service} pass; the unhealthy ones if not. */
  static int awaitPassing(
      String consulUrl,
      StackHttp http,
      String service,
      List<Endpoint> servers,
      int expected,
      Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    int passing = 0;
    List<StackConsul.Instance> last = List.of();
    try (StackConsul consul = new StackConsul(consulUrl, http)) {
      while (Instant.now().isBefore(deadline)) {
        try {
          last = consul.service(service);
          passing = (int) last.stream().filter(StackConsul.Instance::passing).count();
        } catch (BootyException e) {
          passing = 0; // Consul busy or restarting: ask again
        }
        if (passing >= expected) {
          return passing;
        }
        Poll.pause(Duration.ofMillis(500));
      }
    }
    throw BootyException.failure(
        passing
            + " of "
            + expected
            + " servers of "
            + service
            + " passing in Consul after "
            + timeout.toSeconds()
            + " s"
            + describe(last, servers));
  }

  /** The unhealthy servers of {@code service} now, as {@link #describe} words them. */
  static String report(String consulUrl, StackHttp http, String service, List<Endpoint> servers) {
    try (StackConsul consul = new StackConsul(consulUrl, http)) {
      return describe(consul.service(service), servers);
    } catch (BootyException e) {
      return "\n(" + e.getMessage() + ")";
    }
  }

  /**
   * One line per server that does not pass: its host name, address and data centre, and the output
   * of each failing check; a server Consul does not know is named too. Empty when all pass.
   */
  static String describe(List<StackConsul.Instance> instances, List<Endpoint> servers) {
    Map<String, Endpoint> byAddress = new LinkedHashMap<>();
    servers.forEach(e -> byAddress.put(e.address(), e));
    List<String> lines = new ArrayList<>();
    for (StackConsul.Instance i : instances) {
      Endpoint e = byAddress.remove(i.address());
      if (i.passing()) {
        continue;
      }
      String name =
          e == null
              ? i.id() + " (" + i.address() + ")"
              : e.hostName() + " (" + e.address() + ", data centre " + e.dataCenter() + ")";
      lines.add(
          "  "
              + name
              + ": "
              + (i.failing().isEmpty()
                  ? String.join(", ", i.checks())
                  : String.join("; ", i.failing())));
    }
    byAddress
        .values()
        .forEach(
            e ->
                lines.add(
                    "  "
                        + e.hostName()
                        + " ("
                        + e.address()
                        + ", data centre "
                        + e.dataCenter()
                        + "): not registered in Consul"));
    return lines.isEmpty() ? "" : "\nunhealthy servers:\n" + String.join("\n", lines);
  }
}

package dev.booty.dist;

import dev.booty.plugins.ssh.SshTestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A three-data-centre scenario on real OpenSSH test hosts ({@code hosting: ssh}): Paris on two
 * hosts with two servers, Tokyo and Sydney on one host each, secured as production clusters are
 * (TLS with booty's CA on client connections, routes and gateways; operator-mode JWTs, the test
 * clients with creds of their own). Tokyo's clients reconnect to Sydney, the nearest by the
 * configured round trips, handshake and authentication included, when Tokyo goes down hard. The
 * connect timeout leaves room for the first TLS handshakes of a client JVM on a busy machine (over
 * a second with four clients starting at once: the client gave up, the server logged "TLS handshake
 * error: connection reset by peer", and the client started in another data centre); a hard outage
 * refuses connections at once, so it does not slow the failover.
 */
final class SshDataCentres {
  static final String NAME = "it-ssh";
  static final Map<String, Integer> HOSTS = new LinkedHashMap<>();

  static {
    HOSTS.put("paris", 2);
    HOSTS.put("tokyo", 1);
    HOSTS.put("sydney", 1);
  }

  private SshDataCentres() {}

  /**
   * The hosts needed, one per server, each with room for what booty copies (Nomad, Consul, every
   * installed nats-server and booty's distribution: about 400 MB, and Nomad's default 300 MB of
   * ephemeral disk per task group).
   */
  static List<SshTestHosts.HostOptions> hostOptions() {
    int hosts = HOSTS.values().stream().mapToInt(Integer::intValue).sum();
    return java.util.Collections.nCopies(
        hosts, SshTestHosts.HostOptions.plain().withDiskSize("4g"));
  }

  /** The scenario file, each data centre on its own hosts in order, written into {@code dir}. */
  static Path scenario(SshTestHosts hosts, Path dir) throws Exception {
    StringBuilder dcs = new StringBuilder();
    int next = 1;
    for (Map.Entry<String, Integer> dc : HOSTS.entrySet()) {
      dcs.append("  - name: ").append(dc.getKey()).append('\n');
      dcs.append("    servers: ").append(dc.getValue()).append('\n');
      dcs.append("    hosts:\n");
      for (int k = 1; k <= dc.getValue(); k++, next++) {
        SshTestHosts.Host h = hosts.host(next);
        dcs.append("      - address: \"").append(h.address()).append("\"\n");
        dcs.append("        user: ").append(h.user()).append('\n');
        dcs.append("        key: \"").append(h.keyFile()).append("\"\n");
        dcs.append("        knownHost: \"").append(h.knownHostsLine()).append("\"\n");
      }
    }
    String text =
        """
        version: 1
        name: %s
        description: three data centres on ssh hosts; Tokyo goes down hard

        plugins:
          hosting: ssh
          cluster: nats
          dns: none

        datacenters:
        %s
        wan:
          - between: [paris, tokyo]
            rtt: 200ms
          - between: [paris, sydney]
            rtt: 250ms
          - between: [tokyo, sydney]
            rtt: 100ms

        cluster:
          driver: raw_exec
          serversPerDatacenter: 1
          jetstream: false
          tls: true
          auth: jwt

        clients:
          - datacenter: paris
            count: 2
          - datacenter: tokyo
            count: 4
            perTask: 4
          - datacenter: sydney
            count: 2

        workload:
          subject: bench.ssh
          rate: 10
          size: 64
          kinds: [pubsub, request]
          pingInterval: 1s
          maxPingsOut: 2
          connectTimeout: 5s
          warmup: 5s
          settle: 5s

        steps:
          - at: 3s
            action: dc-outage
            target: tokyo
            duration: 10s
            options:
              kind: hard

        expect:
          - metric: clients_not_reconnected
            equals: 0
          - metric: clients_off_nearest
            equals: 0
        """
            .formatted(NAME, dcs.toString().stripTrailing());
    Path file = dir.resolve(NAME + ".yaml");
    Files.writeString(file, text);
    return file;
  }

  /** Each host's files under /opt and /var/lib and its processes (sshd's own left out). */
  static List<String> state(SshTestHosts hosts) {
    List<String> out = new ArrayList<>();
    for (SshTestHosts.Host h : hosts.hosts()) {
      hosts.files(h).forEach(f -> out.add(h.address() + " file " + f));
      hosts.processes(h).forEach(p -> out.add(h.address() + " process " + p.command()));
    }
    return out;
  }
}

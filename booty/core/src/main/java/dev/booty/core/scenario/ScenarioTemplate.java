package dev.booty.core.scenario;

import dev.booty.core.BootyException;

/**
 * A starter scenario file: the reference three-data-centre deployment with every key explained in a
 * comment and the defaults shown.
 */
public final class ScenarioTemplate {
  private static final String BODY =
      """
      # booty scenario: {NAME}
      # Check it with: booty scenario validate {FILE}
      # Durations are written 8ms, 1.5s, 2m, 1h or 1m30s (or 0).

      # The scenario format; this booty reads version 1.
      version: 1
      # Lower-case letters, digits and '-', starting with a letter, at most 32 characters.
      # Prefixes the Nomad jobs of the deployment.
      name: {NAME}
      # Free text, shown by 'booty scenario validate'.
      description: three data centres, three NATS servers each

      # The plugin extensions to use, by id ('booty plugins list' shows what is installed).
      plugins:
        # Where the data centres' hosts come from: local = this machine.
        hosting: local
        # What runs on them: nats = a NATS super-cluster (routes, gateways, JetStream).
        cluster: nats
        # Names for clients to resolve; none (or no key) = no DNS plugin.
        dns: none

      # The data centres, at least one.
      datacenters:
        # Its name: lower-case letters and digits, at most 16 characters, unique.
        - name: london
          # Cluster servers here, 1..9 (default: cluster.serversPerDatacenter).
          servers: 3
          # With hosting ssh: its hosts, one per server (scenarios/README.md), for example
          # hosts: [{address: 10.0.1.5, key: ~/.ssh/booty_ed25519}, {address: 10.0.1.6, ...}]
          # Settings for the hosting plugin, as strings (default: none).
          options: {}
        - name: amsterdam
        - name: dallas

      # Round-trip time added between two data centres (optional). A pair not listed has none;
      # each pair at most once, in either order.
      wan:
        # Two declared data centres, in either order.
        - between: [london, amsterdam]
          # The round-trip time between them.
          rtt: 8ms
        - between: [london, dallas]
          rtt: 105ms
        - between: [amsterdam, dallas]
          rtt: 115ms

      # The NATS cluster (optional; every key has a default).
      cluster:
        # nats-server version, exact (2.10.27) or a line (2.11.x); absent = the active installed one.
        # version: 2.11.x
        # Nomad task driver: raw_exec (default) or docker.
        driver: raw_exec
        # Servers per data centre unless the data centre says otherwise, 1..9 (default 3).
        serversPerDatacenter: 3
        # JetStream on every server (default true).
        jetstream: true
        # JetStream replicas, 1..5 (default 3); every data centre needs at least this many servers.
        replicas: 3
        # A websocket listener on every server (default false).
        websocket: false
        # How long a stopping server stays in lame-duck mode (default 30s).
        lameDuckDuration: 30s
        # TLS from booty's CA on client, route, gateway and websocket listeners (default false).
        tls: false
        # none (default) or jwt: operator mode, clients bring creds of the application account.
        auth: none
        # Settings for the cluster plugin, as strings (default: none).
        options: {}

      # The name clients resolve, only with a DNS plugin (plugins.dns: powerdns, cloudflare or
      # google-dns); uncomment it with one. Every key has a default.
      # dns:
      #   # The zone the DNS plugin serves (default: the scenario's name + .booty.test).
      #   zone: {NAME}.booty.test
      #   # The record clients resolve in it (default nats).
      #   name: nats
      #   # How long resolvers keep an answer, whole seconds (default 30s).
      #   ttl: 30s
      #   # How often each server's health is checked (default 10s).
      #   checkInterval: 10s
      #   # Settings for the DNS plugin, as strings (credentials file, regions; default: none).
      #   options: {}

      # Client groups (optional).
      clients:
        # The data centre the clients run in (a declared one).
        - datacenter: london
          # How many clients, at least 1 (default 1).
          count: 10
          # The data centres they prefer, in order (default: their own, then the others by RTT).
          connect: [london, amsterdam, dallas]
          # Clients per process (one Nomad allocation); count must be a multiple of it
          # (default: count, at most 10). Scaling changes the number of processes.
          perTask: 5
          # How they find servers: seeds (every server, by RTT; default) or dns (the DNS name).
          bootstrap: seeds
          # careful (booty's measuring client; default) or library-default (jnats out of the box).
          profile: careful
          # jvm (default) or browser: pages in headless Chromium, perTask connections over
          # WebSocket per browser (needs cluster.websocket: true).
          kind: jvm

      # What every client publishes (optional).
      workload:
        # The subject to publish to (no wildcards).
        subject: bench.orders
        # Messages per second per client, more than 0.
        rate: 100
        # Payload size in bytes, more than 0.
        size: 128
        # Also publish to the data centre's JetStream stream (adds kind jetstream; default false).
        jetstream: true
        # Workload kinds, each at rate: pubsub (own subject), request (request/reply in the data
        # centre), queue (the data centre's queue group), jetstream (default [pubsub]).
        kinds: [pubsub, request, queue, jetstream]
        # How often clients ping their server (default 2s): how fast a silent one is noticed.
        pingInterval: 1s
        # Unanswered pings after which a client gives its server up (default 2).
        maxPingsOut: 2
        # How long one connection attempt may take (default 2s).
        connectTimeout: 500ms
        # How long clients run before the first step (default 10s).
        warmup: 10s
        # How long they run on after the last step healed (default 10s).
        settle: 10s

      # The timeline of faults (optional).
      steps:
        # When, from the start of the run.
        - at: 30s
          # The chaos mode's id.
          action: dc-outage
          # What it acts on: one name or a list, as the mode defines.
          target: dallas
          # How long the fault lasts (default: the mode decides).
          duration: 60s
          # Settings for the chaos mode, as strings (default: none).
          options: {}

      # The verdict (optional): each a metric and exactly one bound, written as the metric is
      # (5s, 0, 99.9). below: the metric stays below it; above: above it; equals: equal to it.
      expect:
        # The metric, as the run reports it (booty scenario run --help lists them).
        - metric: reconnect_p99
          # The bound: below, above or equals.
          below: 5s
      """;

  private ScenarioTemplate() {}

  /**
   * The starter file for a scenario called {@code name}.
   *
   * @param file where it will be written, for the comment that says how to check it
   * @param schema the JSON schema's path or URL for editors, or null for none
   */
  public static String starter(String name, String file, String schema) {
    if (!Scenario.validName(name)) {
      throw BootyException.usage(
          "'" + name + "' is not a scenario name (" + Scenario.NAME_RULE + ")");
    }
    String body = BODY.replace("{NAME}", name).replace("{FILE}", file);
    return schema == null ? body : "# yaml-language-server: $schema=" + schema + "\n" + body;
  }
}

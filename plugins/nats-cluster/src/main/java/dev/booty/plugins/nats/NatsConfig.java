package dev.booty.plugins.nats;

import dev.booty.plugins.nats.ServerLayout.Server;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One nats-server's configuration: client, monitoring and websocket listeners on its own address,
 * routes to every server of its data centre (itself included), gateways to every other data centre
 * by host name (the gateway URLs other servers gossip are host names too, so every path between
 * data centres resolves to the WAN link), JetStream tagged with the data centre, and lame duck.
 *
 * <p>With {@code tls} every listener but monitoring speaks TLS with the server's certificate from
 * booty's CA: clients must (they trust the CA, and show no certificate: their creds say who they
 * are), routes and gateways verify each other's certificate against the CA both ways. Monitoring
 * stays plain HTTP on the server's own address: Nomad's health check and booty's probes read it.
 * With {@code auth=jwt} the server runs in operator mode: it trusts the operator's JWT, knows the
 * system account (gateways and routes need it), and resolves accounts from the JWTs preloaded here
 * (resolver MEMORY), so nothing but the config is needed to start.
 */
final class NatsConfig {
  private NatsConfig() {}

  /** Ports and switches from the cluster spec's options. */
  record Settings(
      int clientPort,
      int clusterPort,
      int gatewayPort,
      int monitorPort,
      int websocketPort,
      boolean jetstream,
      boolean websocket,
      String lameDuckDuration,
      boolean tls,
      Trust trust) {

    static Settings of(Map<String, String> options) {
      return new Settings(
          port(options, "clientPort", 4222),
          port(options, "clusterPort", 6222),
          port(options, "gatewayPort", 7222),
          port(options, "monitorPort", 8222),
          port(options, "websocketPort", 8080),
          Boolean.parseBoolean(options.getOrDefault("jetstream", "true")),
          Boolean.parseBoolean(options.getOrDefault("websocket", "false")),
          options.getOrDefault("lameDuckDuration", "30s"),
          bool(options, "tls"),
          Trust.of(options));
    }

    private static boolean bool(Map<String, String> options, String key) {
      String v = options.getOrDefault(key, "false").strip();
      if (!v.equals("true") && !v.equals("false")) {
        throw new IllegalArgumentException(
            "cluster option " + key + ": '" + v + "' is not true or false");
      }
      return v.equals("true");
    }

    /** The lame duck duration in whole seconds ({@code 30s}, {@code 2m}; a bare number is s). */
    long lameDuckSeconds() {
      String v = lameDuckDuration.strip();
      try {
        if (v.endsWith("m")) {
          return Long.parseLong(v.substring(0, v.length() - 1)) * 60;
        }
        return Long.parseLong(v.endsWith("s") ? v.substring(0, v.length() - 1) : v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "cluster option lameDuckDuration: '" + lameDuckDuration + "' is not like 30s or 2m");
      }
    }

    private static int port(Map<String, String> options, String key, int fallback) {
      String v = options.get(key);
      if (v == null) {
        return fallback;
      }
      try {
        int p = Integer.parseInt(v.strip());
        if (p < 1 || p > 65535) {
          throw new NumberFormatException();
        }
        return p;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("cluster option " + key + ": '" + v + "' is no port");
      }
    }
  }

  /**
   * Operator mode's material (public: signed JWTs), which booty hands over as cluster options:
   * {@code auth=jwt}, {@code operatorJwt}, {@code systemAccount} (the system account's public key)
   * and {@code accountJwts} ({@code PUBLIC_KEY=JWT} pairs separated by commas).
   */
  record Trust(String operatorJwt, String systemAccount, Map<String, String> accountJwts) {
    static final List<String> KEYS = List.of("operatorJwt", "systemAccount", "accountJwts");

    /** Null for {@code auth} none (or absent). */
    static Trust of(Map<String, String> options) {
      String auth = options.getOrDefault("auth", "none").strip();
      if (auth.equals("none")) {
        return null;
      }
      if (!auth.equals("jwt")) {
        throw new IllegalArgumentException(
            "cluster option auth: '" + auth + "' is not none or jwt");
      }
      for (String key : KEYS) {
        if (options.getOrDefault(key, "").isBlank()) {
          throw new IllegalArgumentException(
              "cluster option auth: jwt needs the option "
                  + key
                  + " too (booty's deploy adds operatorJwt, systemAccount and accountJwts from the"
                  + " scenario's chain of trust)");
        }
      }
      Map<String, String> accounts = new LinkedHashMap<>();
      for (String raw : options.get("accountJwts").split(",")) {
        String pair = raw.strip();
        int eq = pair.indexOf('=');
        if (eq <= 0 || eq == pair.length() - 1) {
          throw new IllegalArgumentException(
              "cluster option accountJwts: '"
                  + (pair.length() > 20 ? pair.substring(0, 20) + "..." : pair)
                  + "' is not PUBLIC_KEY=JWT");
        }
        accounts.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
      String system = options.get("systemAccount").strip();
      if (!accounts.containsKey(system)) {
        throw new IllegalArgumentException(
            "cluster option accountJwts: no JWT for the system account " + system);
      }
      return new Trust(options.get("operatorJwt").strip(), system, Map.copyOf(accounts));
    }
  }

  /**
   * Where a server finds its TLS files: booty's CA, its certificate and its key, in {@code dir}.
   */
  record TlsFiles(String dir) {
    static final String CA = "nats-ca.pem";
    static final String CERTIFICATE = "nats-server.pem";
    static final String KEY = "nats-server-key.pem";

    /**
     * The task's secrets directory, as the job's template fills it in on the node (Nomad renders
     * the config as a template: {@code env} is the task's environment, which names the directory as
     * the task sees it, on the host for raw_exec, {@code /secrets} in a container).
     */
    static final TlsFiles IN_TASK = new TlsFiles("{{ env `NOMAD_SECRETS_DIR` }}");

    String ca() {
      return dir + "/" + CA;
    }

    String certificate() {
      return dir + "/" + CERTIFICATE;
    }

    String key() {
      return dir + "/" + KEY;
    }
  }

  /** How long a TLS handshake may take, in seconds, on every listener: room for a loaded host. */
  static final int TLS_TIMEOUT = 5;

  /**
   * How long a client has to authenticate after it connects, in seconds: a JWT's check may take a
   * while on a loaded host (nats-server's default is 2 s), and it must exceed the TLS timeout.
   */
  static final int AUTH_TIMEOUT = 6;

  /** The server's configuration, its TLS files (if any) in the task's secrets directory. */
  static String render(Server self, ServerLayout layout, List<String> dataCenters, Settings s) {
    return render(self, layout, dataCenters, s, TlsFiles.IN_TASK);
  }

  static String render(
      Server self, ServerLayout layout, List<String> dataCenters, Settings s, TlsFiles files) {
    StringBuilder c = new StringBuilder();
    c.append("# rendered by booty's nats cluster plugin\n");
    line(c, "server_name", q(self.name()));
    line(c, "listen", q(self.address() + ":" + s.clientPort()));
    line(c, "http", q(self.address() + ":" + s.monitorPort()));
    line(c, "client_advertise", q(self.hostName() + ":" + s.clientPort()));
    line(c, "server_tags", "[" + q("dc:" + self.dataCenter()) + "]");
    line(c, "lame_duck_duration", q(s.lameDuckDuration()));
    line(c, "lame_duck_grace_period", q("5s"));
    if (s.tls()) {
      // clients: TLS required, no client certificate (creds, when asked for, say who they are)
      tls(c, "", files, false);
    }
    if (s.trust() != null) {
      Trust t = s.trust();
      line(c, "operator", q(t.operatorJwt()));
      line(c, "system_account", q(t.systemAccount()));
      line(c, "resolver", "MEMORY");
      c.append("resolver_preload: {\n");
      new TreeMap<>(t.accountJwts()).forEach((k, v) -> line(c, "  " + k, q(v)));
      c.append("}\n");
      c.append("authorization {\n");
      line(c, "  timeout", Integer.toString(AUTH_TIMEOUT));
      c.append("}\n");
    }
    if (s.jetstream()) {
      c.append("jetstream {\n  max_memory_store: 256MB\n  max_file_store: 2GB\n}\n");
    }
    c.append("cluster {\n");
    line(c, "  name", q(self.dataCenter()));
    line(c, "  listen", q(self.address() + ":" + s.clusterPort()));
    // every server of the data centre, itself included (nats-server skips the route to itself):
    // at its first start a server counts its routes and the addresses of its gateways' URLs to
    // size the JetStream meta group, so leaving itself out makes that size one short. With two data
    // centres of n servers the group then expects 2n - 1 peers, n of them a quorum: each data
    // centre elects a meta leader of its own before the gateways join them, and the servers of the
    // losing side never catch up ("JetStream is not current with the meta leader")
    List<String> routes =
        layout.in(self.dataCenter()).stream()
            .map(o -> "nats://" + o.address() + ":" + s.clusterPort())
            .toList();
    line(c, "  routes", list(routes));
    if (s.tls()) {
      tls(c, "  ", files, true);
    }
    c.append("}\n");
    c.append("gateway {\n");
    line(c, "  name", q(self.dataCenter()));
    line(c, "  listen", q(self.address() + ":" + s.gatewayPort()));
    line(c, "  advertise", q(self.hostName() + ":" + s.gatewayPort()));
    c.append("  gateways: [\n");
    for (String dc : dataCenters) {
      if (dc.equals(self.dataCenter())) {
        continue;
      }
      c.append("    {name: ")
          .append(q(dc))
          .append(", urls: ")
          .append(
              list(
                  layout.in(dc).stream()
                      .map(o -> "nats://" + o.hostName() + ":" + s.gatewayPort())
                      .toList()))
          .append("}\n");
    }
    c.append("  ]\n");
    if (s.tls()) {
      tls(c, "  ", files, true);
    }
    c.append("}\n");
    if (s.websocket()) {
      c.append("websocket {\n");
      line(c, "  listen", q(self.address() + ":" + s.websocketPort()));
      if (s.tls()) {
        c.append("  tls {\n");
        line(c, "    cert_file", q(files.certificate()));
        line(c, "    key_file", q(files.key()));
        c.append("  }\n");
      } else {
        line(c, "  no_tls", "true");
      }
      c.append("}\n");
    }
    return c.toString();
  }

  /**
   * A {@code tls} block at {@code indent}: the server's certificate and key, booty's CA, the
   * handshake timeout; {@code verify}: the peer must show a certificate from the CA too.
   */
  private static void tls(StringBuilder c, String indent, TlsFiles files, boolean verify) {
    c.append(indent).append("tls {\n");
    line(c, indent + "  cert_file", q(files.certificate()));
    line(c, indent + "  key_file", q(files.key()));
    line(c, indent + "  ca_file", q(files.ca()));
    if (verify) {
      line(c, indent + "  verify", "true");
    }
    line(c, indent + "  timeout", Integer.toString(TLS_TIMEOUT));
    c.append(indent).append("}\n");
  }

  private static void line(StringBuilder c, String key, String value) {
    c.append(key).append(": ").append(value).append('\n');
  }

  private static String list(List<String> values) {
    return values.stream().map(NatsConfig::q).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String q(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

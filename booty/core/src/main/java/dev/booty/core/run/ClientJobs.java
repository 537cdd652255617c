package dev.booty.core.run;

import dev.booty.api.NomadJob;
import dev.booty.core.deploy.Agents;
import dev.booty.core.scenario.ClientGroup;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.verdict.Inventory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Nomad jobs of a run's test clients, one per client group: how many processes, how many
 * clients each, which servers they seed from (nearest data centre first) or which DNS name they
 * resolve, their connection profile, and the workload they send (the same for every group, so
 * groups compare).
 */
public final class ClientJobs {
  static final String TEMPLATE = "/jobs/booty-clients.nomad.hcl";

  /**
   * What every client job of one run shares. The processes run booty's launcher as their node has
   * it (node meta {@code booty_launcher}) and read their creds from the job's Nomad Variable
   * ({@link #secretsPath}, items {@link #CREDS} and, for browsers, {@link #REPORT_CREDS}), which
   * the job's template writes into each task's secrets folder: any node can run them.
   *
   * @param controlPlane the back channel's NATS URL the clients report on
   * @param controlPlaneWs the back channel over WebSocket, where browser pages report
   */
  public record Run(
      String id,
      String controlPlane,
      String controlPlaneWs,
      dev.booty.core.deploy.ClusterCredentials.ClientSecrets nats) {

    /** A run whose cluster asks clients for no TLS trust and no creds. */
    public Run(String id, String controlPlane, String controlPlaneWs) {
      this(
          id,
          controlPlane,
          controlPlaneWs,
          new dev.booty.core.deploy.ClusterCredentials.ClientSecrets(null, null));
    }
  }

  /** The variable's item with the processes' creds: the scenario's client subjects only. */
  public static final String CREDS = "creds";

  /** The item with the browser pages' creds: they may only publish this run's reports. */
  public static final String REPORT_CREDS = "report_creds";

  /** The item with booty's CA for a cluster with {@code tls: true}. */
  public static final String NATS_CA = "nats_ca";

  /** The item with the clients' creds for a cluster with {@code auth: jwt}. */
  public static final String NATS_CREDS = "nats_creds";

  /** The variable's items of a run: the back channel's creds, and what the cluster asks for. */
  public static Map<String, String> secrets(
      String creds,
      String reportCreds,
      dev.booty.core.deploy.ClusterCredentials.ClientSecrets nats) {
    Map<String, String> items = new LinkedHashMap<>();
    items.put(CREDS, creds);
    if (reportCreds != null) {
      items.put(REPORT_CREDS, reportCreds);
    }
    if (nats.caPem() != null) {
      items.put(NATS_CA, nats.caPem());
    }
    if (nats.creds() != null) {
      items.put(NATS_CREDS, nats.creds());
    }
    return items;
  }

  /** The Nomad Variable with a client job's creds: readable by that job's tasks only. */
  public static String secretsPath(String jobId) {
    return Agents.secretsPathOf(jobId);
  }

  private ClientJobs() {}

  public static String jobId(Scenario s, ClientGroup g) {
    return s.name() + "-clients-" + label(g);
  }

  /**
   * A group's name in job ids, client ids and reports: its data centre when it seeds carefully (the
   * defaults, so a data centre with one such group keeps the names it always had), else {@code
   * DC-BOOTSTRAP-PROFILE} ({@code dallas-dns-library-default}); a browser group has {@code
   * -browser} after the data centre ({@code london-browser}, {@code london-browser-dns-careful}).
   * Unique per scenario: the loader refuses two groups of one data centre with the same kind,
   * bootstrap and profile.
   */
  public static String label(ClientGroup g) {
    String dc = g.kind() == ClientGroup.Kind.BROWSER ? g.datacenter() + "-browser" : g.datacenter();
    if (g.bootstrap() == ClientGroup.Bootstrap.SEEDS
        && g.profile() == ClientGroup.Profile.CAREFUL) {
      return dc;
    }
    return dc + "-" + g.bootstrap().id() + "-" + g.profile().id();
  }

  /**
   * The servers a group is handed: for bootstrap dns only {@code nats://FQDN:PORT}, else every
   * server of its seed order.
   */
  public static List<String> servers(Scenario s, ClientGroup g, Inventory inventory) {
    boolean browser = g.kind() == ClientGroup.Kind.BROWSER;
    String scheme = browser ? "ws://" : "nats://";
    int port = browser ? websocketPort(s) : inventory.clientPort();
    if (g.bootstrap() == ClientGroup.Bootstrap.DNS) {
      if (s.dns() == null) {
        throw new IllegalArgumentException(
            s.file()
                + ": clients of "
                + g.datacenter()
                + " bootstrap by dns, but the scenario has no DNS plugin (dns:)");
      }
      return List.of(scheme + s.dns().fqdn() + ":" + port);
    }
    List<String> seeds = new ArrayList<>();
    for (String dc : seedOrder(s, g)) {
      inventory.in(dc).forEach(sv -> seeds.add(scheme + sv.host() + ":" + port));
    }
    return seeds;
  }

  /** The servers' websocket port: the cluster's option, else the NATS plugin's default. */
  static int websocketPort(Scenario s) {
    return Integer.parseInt(s.cluster().options().getOrDefault("websocketPort", "8080"));
  }

  /** The data centres a group seeds from: as written, or by round trip from its own. */
  public static List<String> seedOrder(Scenario s, ClientGroup g) {
    if (!g.connect().isEmpty()) {
      return g.connect();
    }
    List<String> out = new ArrayList<>(s.datacenterNames());
    out.sort(
        Comparator.comparing(
            d -> d.equals(g.datacenter()) ? 0 : 1 + s.rtt(g.datacenter(), d).toMillis()));
    return out;
  }

  /** The clients' command-line workload options. */
  public static List<String> workload(Scenario s, ClientGroup g) {
    int replicas = Math.min(s.cluster().replicas(), s.datacenter(g.datacenter()).servers());
    return List.of(
        "--subject", s.workload().subject(),
        "--rate", Long.toString(Math.max(1, Math.round(s.workload().rate()))),
        "--size", Integer.toString(s.workload().size()),
        "--kinds", String.join(",", s.workload().kinds()),
        "--ping-interval", s.workload().pingInterval().toMillis() + "ms",
        "--max-pings-out", Integer.toString(s.workload().maxPingsOut()),
        "--connect-timeout", s.workload().connectTimeout().toMillis() + "ms",
        "--replicas", Integer.toString(replicas));
  }

  /** The plan of every group, before anything is deployed. */
  public static List<RunPlan.ClientJob> plan(Scenario s) {
    return s.clients().stream()
        .map(
            g ->
                new RunPlan.ClientJob(
                    g.datacenter(),
                    jobId(s, g),
                    g.count(),
                    g.tasks(),
                    g.perTask(),
                    seedOrder(s, g),
                    workload(s, g)))
        .toList();
  }

  /** The job of one group on the deployed servers of {@code inventory}. */
  public static NomadJob job(Scenario s, ClientGroup g, Inventory inventory, Run run) {
    List<String> seeds = servers(s, g, inventory);
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("secrets", secretsPath(jobId(s, g)));
    vars.put("control_plane", run.controlPlane());
    boolean browser = g.kind() == ClientGroup.Kind.BROWSER;
    if (browser) {
      vars.put("command", "browsers");
      vars.put("kind", g.kind().id());
      vars.put(
          "process_args",
          NomadJob.hclList(
              List.of(
                  "--control-plane-ws",
                  run.controlPlaneWs(),
                  "--report-creds",
                  "${NOMAD_SECRETS_DIR}/report.creds")));
      // the JVM only drives the browser: a small heap; Chromium's processes take the rest
      vars.put("java_opts", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xmx128m");
      vars.put("cpu", "200");
      vars.put("memory", "700");
    }
    vars.put("scenario", s.name());
    vars.put("run", run.id());
    vars.put("dc", g.datacenter());
    vars.put("group", label(g));
    vars.put("bootstrap", g.bootstrap().id());
    vars.put("profile", g.profile().id());
    vars.put("datacenter", inventory.nomadDatacenters().get(g.datacenter()));
    vars.put("count", Integer.toString(g.tasks()));
    vars.put("per_task", Integer.toString(g.perTask()));
    vars.put("servers", String.join(",", seeds));
    List<String> workload = new ArrayList<>(workload(s, g));
    // the cluster's TLS trust and creds, as the job's templates write them into secrets/
    workload.addAll(run.nats().clientOptions("${NOMAD_SECRETS_DIR}"));
    vars.put("workload", NomadJob.hclList(workload));
    return new NomadJob(jobId(s, g), Agents.template(TEMPLATE), vars);
  }
}

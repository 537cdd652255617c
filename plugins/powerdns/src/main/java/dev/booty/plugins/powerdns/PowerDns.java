package dev.booty.plugins.powerdns;

import dev.booty.api.DnsChaos;
import dev.booty.api.DnsProvider;
import dev.booty.api.NomadJob;
import dev.booty.api.PluginContext;
import dev.booty.api.StackHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.pf4j.Extension;

/**
 * Geo DNS from a real PowerDNS authoritative server per data centre: each runs as a Nomad job in
 * its data centre (jobs/powerdns.nomad.hcl), bound to the hosting plugin's {@code dns.address} on
 * port 53, and answers the zone's name with a LUA record over the data centre's view: its own
 * servers first, then the nearest data centre's, each checked at its health URL every check
 * interval ({@link ZoneFiles}).
 *
 * <p>Options ({@code dns.options}): {@code port} (53) and {@code apiPort} (8081, PowerDNS's web
 * server and API on the same address, which the job's Consul check reads the zone through).
 *
 * <p>Its faults ({@link DnsChaos}): down freezes pdns_server (SIGSTOP through Nomad's alloc signal
 * API), so queries time out; stale asks the server what it answers now and serves exactly that from
 * plain A records in place of the LUA record (the zone in the data centre's {@link ServerFolder},
 * reloaded through the control socket); serving continues the process and restores the rendered
 * zone.
 */
@Extension
public final class PowerDns implements DnsProvider, DnsChaos {
  static final String TEMPLATE = "/jobs/powerdns.nomad.hcl";
  static final String COMPONENT = "pdns-server";

  /** The hosting plugin's attribute naming the address a data centre's DNS server binds. */
  static final String DNS_ADDRESS = "dns.address";

  /** Where the job's templates land: named.conf and zone.db are found through it. */
  private static final String TASK_DIR = "{{ env \"NOMAD_TASK_DIR\" }}";

  /** How long the stale fault waits for the server's current answer. */
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(3);

  private final Function<PluginContext, TaskSignals> signals;

  public PowerDns() {
    this(ctx -> new NomadSignals(nomad(ctx), StackHttp.of(ctx.security())));
  }

  /** With another way to signal the server's process (tests run pdns_server themselves). */
  PowerDns(Function<PluginContext, TaskSignals> signals) {
    this.signals = signals;
  }

  @Override
  public String id() {
    return "powerdns";
  }

  @Override
  public DnsPlan plan(DnsZone zone, PluginContext ctx) {
    ZoneFiles.Settings s = ZoneFiles.Settings.of(zone.options());
    String binary =
        ctx.binary(COMPONENT)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        COMPONENT + " is not installed; run 'booty install " + COMPONENT + "'"))
            .toString();
    String hcl = NomadJob.template(PowerDns.class, TEMPLATE);
    List<String> records = new ArrayList<>();
    List<NomadJob> jobs = new ArrayList<>();
    for (View view : zone.views()) {
      String address = ZoneFiles.address(view);
      checkPort(ctx, view.dataCenter(), address, s.dnsPort());
      records.add(record(zone, view));
      Map<String, String> vars = new LinkedHashMap<>();
      vars.put("data_center", view.nomadDatacenter());
      vars.put("dc", view.dataCenter());
      vars.put("service", ctx.scenario() + "-dns");
      vars.put("address", address);
      vars.put("ports", "{dns = %d, api = %d}".formatted(s.dnsPort(), s.apiPort()));
      vars.put("binary", binary);
      vars.put("zone_name", zone.zone());
      vars.put("api_key", apiKey(ctx.scenario(), view.dataCenter()));
      vars.put(
          "config",
          ZoneFiles.pdnsConf(zone, view, s, apiKey(ctx.scenario(), view.dataCenter()), TASK_DIR));
      String folder = ServerFolder.of(ctx, view.dataCenter()).checked().dir().toString();
      vars.put("state_dir", folder);
      vars.put("named", ZoneFiles.namedConf(zone, folder));
      vars.put("zone", ZoneFiles.zone(zone, view));
      jobs.add(new NomadJob(jobId(ctx, view.dataCenter()), hcl, vars));
    }
    return new DnsPlan(zone, records, List.of(), jobs, Map.of());
  }

  @Override
  public Map<String, List<String>> publish(DnsPlan plan, PluginContext ctx) {
    // booty ran the plan's jobs and followed them to healthy: each data centre asks its own
    // server. The jobs are written down for withdraw, which is handed the zone's name alone
    Map<String, List<String>> resolvers = new LinkedHashMap<>();
    ZoneFiles.Settings s = ZoneFiles.Settings.of(plan.zone().options());
    for (View view : plan.zone().views()) {
      String address = ZoneFiles.address(view);
      resolvers.put(view.dataCenter(), List.of(address));
      ServerFolder.of(ctx, view.dataCenter())
          .write(
              new ServerFolder.Server(
                  plan.zone().zone(),
                  plan.zone().name(),
                  address,
                  s.dnsPort(),
                  jobId(ctx, view.dataCenter())));
    }
    List<String> ids = plan.jobs().stream().map(NomadJob::id).toList();
    Path file = jobsFile(plan.zone().zone(), ctx);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "jobs", ".tmp");
      Files.write(tmp, ids);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return resolvers;
  }

  @Override
  public void withdraw(String zone, PluginContext ctx) {
    Path file = jobsFile(zone, ctx);
    if (!Files.isRegularFile(file)) {
      return;
    }
    try {
      for (String id : Files.readAllLines(file)) {
        if (!id.isBlank() && ctx.stopJob(id.strip())) {
          ctx.progress("stopped " + id.strip());
        }
      }
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  @Override
  public void dns(String zone, String dataCenter, State state, PluginContext ctx) {
    ServerFolder folder = ServerFolder.of(ctx, dataCenter);
    ServerFolder.Server server = folder.read(zone, dataCenter);
    TaskSignals task = signals.apply(ctx);
    try {
      switch (state) {
        case DOWN -> {
          if (!task.signal(server.job(), "SIGSTOP")) {
            throw new IllegalStateException(
                "no allocation of job "
                    + server.job()
                    + " runs: the DNS of data centre "
                    + dataCenter
                    + " cannot be frozen");
          }
        }
        case STALE -> stale(folder, server, dataCenter);
        case SERVING -> {
          boolean running = task.signal(server.job(), "SIGCONT");
          String serving = Files.readString(folder.serving());
          if (!Files.readString(folder.zone()).equals(serving)) {
            folder.writeZone(serving);
          }
          // reloaded even when the file was already restored: a heal cut short after the write
          // left the server with the frozen zone in memory. A server that is not running reads
          // the rendered zone when it starts
          if (running) {
            ControlSocket.reloadZone(folder.dir(), zone);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "DNS of data centre " + dataCenter + " (" + state + "): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted putting the DNS of " + dataCenter + " " + state);
    }
  }

  /**
   * Freezes what the server answers now. Once stale it stays as it was when the fault began: a
   * second call leaves the frozen zone alone.
   */
  private static void stale(ServerFolder folder, ServerFolder.Server server, String dc)
      throws IOException {
    String serving = Files.readString(folder.serving());
    if (!Files.readString(folder.zone()).equals(serving)) {
      return;
    }
    String fqdn = server.name() + "." + server.zone();
    List<String> now;
    try {
      now = DnsQuery.a(server.address(), server.port(), fqdn, QUERY_TIMEOUT);
    } catch (java.net.SocketTimeoutException e) {
      throw new IOException(
          "the server at "
              + server.address()
              + ":"
              + server.port()
              + " did not answer "
              + fqdn
              + " within "
              + QUERY_TIMEOUT.toSeconds()
              + " s (is its DNS down?): nothing to freeze",
          e);
    }
    if (now.isEmpty()) {
      throw new IOException(
          "the server at "
              + server.address()
              + ":"
              + server.port()
              + " answers "
              + fqdn
              + " with no address: nothing to freeze");
    }
    folder.writeZone(ZoneFiles.stale(serving, server.name(), now));
    ControlSocket.reloadZone(folder.dir(), server.zone());
  }

  private static String nomad(PluginContext ctx) {
    String url = ctx.endpoints().get("nomad.http");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          "booty handed the powerdns plugin no nomad.http endpoint: cannot signal its servers");
    }
    return url;
  }

  /** The jobs publish made for a zone, one id a line. */
  static Path jobsFile(String zone, PluginContext ctx) {
    return ctx.workDir().resolve(zone + ".jobs");
  }

  /** One line for people: what a data centre is answered. */
  static String record(DnsZone zone, View view) {
    String tiers =
        view.tiers().stream()
            .filter(t -> !t.targets().isEmpty())
            .map(
                t ->
                    "["
                        + t.dataCenter()
                        + ": "
                        + t.targets().stream().map(Target::address).collect(Collectors.joining(" "))
                        + "]")
            .collect(Collectors.joining(" "));
    return "%s: %s A -> first healthy of %s ttl %ds check %ds"
        .formatted(
            view.dataCenter(),
            zone.fqdn(),
            tiers,
            ZoneFiles.seconds(zone.ttl()),
            ZoneFiles.seconds(zone.checkInterval()));
  }

  /**
   * Refuses, before anything is deployed, a DNS address whose port something else holds: PowerDNS
   * would only fail there once its job runs. The data centre's own PowerDNS (a redeploy) holds it
   * rightly.
   */
  static void checkPort(PluginContext ctx, String dc, String address, int port) {
    String busy = busy(address, port);
    if (busy == null) {
      return;
    }
    String nomad = ctx.endpoints().get("nomad.http");
    try {
      if (nomad != null
          && new NomadSignals(nomad, StackHttp.of(ctx.security())).runs(jobId(ctx, dc))) {
        return;
      }
    } catch (IOException e) {
      // Nomad does not answer: the port is somebody else's as far as we can tell
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalArgumentException(
        "data centre "
            + dc
            + ": PowerDNS cannot bind "
            + address
            + ":"
            + port
            + " ("
            + busy
            + "); stop what holds it, its resolvers ask port "
            + port);
  }

  /** Why UDP or TCP {@code address:port} cannot be bound now, or null when both can. */
  static String busy(String address, int port) {
    java.net.InetSocketAddress at = new java.net.InetSocketAddress(address, port);
    try (java.net.DatagramSocket udp = new java.net.DatagramSocket(null)) {
      udp.bind(at);
    } catch (IOException e) {
      return "UDP: " + e.getMessage();
    }
    try (java.net.ServerSocket tcp = new java.net.ServerSocket()) {
      tcp.bind(at);
    } catch (IOException e) {
      return "TCP: " + e.getMessage();
    }
    return null;
  }

  static String jobId(PluginContext ctx, String dc) {
    return ctx.scenario() + "-dns-" + dc;
  }

  /**
   * The API key of one data centre's PowerDNS, the same run after run (the job must render the same
   * text): only its Consul check uses the API, which listens on loopback.
   */
  static String apiKey(String scenario, String dc) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(("booty-powerdns/" + scenario + "/" + dc).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

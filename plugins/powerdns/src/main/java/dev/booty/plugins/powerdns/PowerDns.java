package dev.booty.plugins.powerdns;

import dev.booty.api.DnsProvider;
import dev.booty.api.NomadJob;
import dev.booty.api.PluginContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 */
@Extension
public final class PowerDns implements DnsProvider {
  static final String TEMPLATE = "/jobs/powerdns.nomad.hcl";
  static final String COMPONENT = "pdns-server";

  /** The hosting plugin's attribute naming the address a data centre's DNS server binds. */
  static final String DNS_ADDRESS = "dns.address";

  /** Where the job's templates land: named.conf and zone.db are found through it. */
  private static final String TASK_DIR = "{{ env \"NOMAD_TASK_DIR\" }}";

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
      vars.put("named", ZoneFiles.namedConf(zone, TASK_DIR));
      vars.put("socket_dir", socketDir(ctx, view.dataCenter()));
      vars.put("zone", ZoneFiles.zone(zone, view));
      jobs.add(new NomadJob(jobId(ctx, view.dataCenter()), hcl, vars));
    }
    return new DnsPlan(zone, records, List.of(), jobs, Map.of());
  }

  /**
   * The control socket's folder: short, since a UNIX socket path has at most 107 bytes, and one per
   * booty home, scenario and data centre.
   */
  static String socketDir(PluginContext ctx, String dataCenter) {
    String key = ctx.workDir().toAbsolutePath() + "\n" + dataCenter;
    return "/tmp/booty-pdns/" + Integer.toHexString(key.hashCode()) + "-" + dataCenter;
  }

  @Override
  public Map<String, List<String>> publish(DnsPlan plan, PluginContext ctx) {
    // booty ran the plan's jobs and followed them to healthy: each data centre asks its own
    // server. The jobs are written down for withdraw, which is handed the zone's name alone
    Map<String, List<String>> resolvers = new LinkedHashMap<>();
    for (View view : plan.zone().views()) {
      resolvers.put(view.dataCenter(), List.of(ZoneFiles.address(view)));
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

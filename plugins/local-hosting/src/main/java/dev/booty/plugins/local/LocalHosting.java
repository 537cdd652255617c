package dev.booty.plugins.local;

import dev.booty.api.ChaosContext;
import dev.booty.api.DnsResolvers;
import dev.booty.api.HostingPreview;
import dev.booty.api.HostingProvider;
import dev.booty.api.PluginContext;
import dev.booty.api.StackHttp;
import dev.booty.api.WanEmulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pf4j.Extension;

/**
 * Data centres on this machine: each is a Nomad datacenter with its own Consul and Nomad client
 * agents on an address block of its own ({@link Addressing}), and every path between data centres
 * runs through Toxiproxy with the scenario's latency ({@link WanLinks}).
 *
 * <p>Options (scenario {@code datacenters[].options}): {@code subnet}, the loopback /16 of the
 * scenario (default {@code 127.77}); every data centre of a scenario must use the same.
 */
@Extension
public final class LocalHosting
    implements HostingProvider, HostingPreview, WanEmulation, DnsResolvers {
  private static final Pattern NODE_ID = Pattern.compile("\"ID\":\"([0-9a-f-]{36})\"");
  private static final String INDEX_FILE = "datacenters.properties";

  @Override
  public String id() {
    return "local";
  }

  @Override
  public HostedDataCenter provision(DataCenterSpec spec, PluginContext ctx) {
    Addressing addressing = Addressing.of(spec.options().get("subnet"));
    String host = addressing.host(spec.index());
    DataCentreAgents agents = new DataCentreAgents(ctx, spec.name(), host);
    try {
      remember(ctx, spec, addressing);
      agents.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the agents' files of " + spec.name() + ": " + e.getMessage(), e);
    }
    awaitReadyNode(ctx, spec.name());
    ctx.progress("data centre " + spec.name() + ": agents on " + host + ", node ready");
    return preview(spec, ctx);
  }

  @Override
  public HostedDataCenter preview(DataCenterSpec spec, PluginContext ctx) {
    Addressing addressing = Addressing.of(spec.options().get("subnet"));
    List<String> servers = new ArrayList<>();
    for (int k = 1; k <= spec.servers(); k++) {
      servers.add(addressing.server(spec.index(), k));
    }
    String host = addressing.host(spec.index());
    DataCentreAgents agents = new DataCentreAgents(ctx, spec.name(), host);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("host", host);
    attributes.put("node", agents.nodeName());
    attributes.put("nomad.http", "http://" + host + ":4646");
    attributes.put("consul.http", "http://" + host + ":8500");
    attributes.put("hosts-file", agents.hostsFile().toString());
    attributes.put("dns.address", addressing.dns(spec.index()));
    return new HostedDataCenter(spec.name(), spec.name(), servers, attributes);
  }

  @Override
  public Map<String, Map<String, String>> names(
      List<DataCenterSpec> dataCenters, List<Endpoint> endpoints, List<Link> links) {
    if (dataCenters.isEmpty()) {
      return Map.of();
    }
    Addressing addressing = Addressing.of(dataCenters.get(0).options().get("subnet"));
    Map<String, Integer> indexes = new LinkedHashMap<>();
    dataCenters.stream()
        .sorted(Comparator.comparingInt(DataCenterSpec::index))
        .forEach(d -> indexes.put(d.name(), d.index()));
    return WanLinks.plan(addressing, indexes, endpoints, links).views();
  }

  @Override
  public void release(String dataCenter, PluginContext ctx) {
    ctx.stopJob(DataCentreAgents.jobId(ctx, dataCenter));
    String nomad = ctx.endpoints().get("nomad.http");
    StackHttp http = StackHttp.of(ctx.security());
    try {
      for (String node : nodeIds(http, nomad, dataCenter)) {
        Http.nomad(http, "POST", nomad + "/v1/node/" + node + "/purge", null);
      }
      String consul = ctx.endpoints().get("consul.http");
      if (consul != null) {
        String node = ctx.scenario() + "-" + dataCenter;
        Http.consul(
            http, "PUT", consul + "/v1/catalog/deregister", "{\"Node\":" + Http.quote(node) + "}");
      }
      forget(ctx, dataCenter);
      deleteTree(ctx.workDir().resolve("dc-" + dataCenter));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot clean up data centre " + dataCenter + ": " + e.getMessage(), e);
    }
    ctx.progress("data centre " + dataCenter + ": released");
  }

  @Override
  public Map<String, Map<String, String>> connect(
      List<Endpoint> endpoints, List<Link> links, PluginContext ctx) {
    try {
      Properties index = load(ctx);
      Addressing addressing = Addressing.of(index.getProperty("subnet"));
      Map<String, Integer> dataCentres = new LinkedHashMap<>();
      index.stringPropertyNames().stream()
          .filter(k -> k.startsWith("dc."))
          .sorted(Comparator.comparingInt(k -> Integer.parseInt(index.getProperty(k))))
          .forEach(k -> dataCentres.put(k.substring(3), Integer.parseInt(index.getProperty(k))));
      WanLinks.Plan plan = WanLinks.plan(addressing, dataCentres, endpoints, links);
      new WanLinks(ctx, addressing).apply(plan);
      for (Map.Entry<String, Map<String, String>> view : plan.views().entrySet()) {
        HostsFiles.write(
            ctx.workDir().resolve("dc-" + view.getKey()).resolve("hosts"), view.getValue());
      }
      return plan.views();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set up the WAN: " + e.getMessage(), e);
    }
  }

  @Override
  public void path(String a, String b, ChaosContext.Path state, PluginContext ctx) {
    try {
      Addressing addressing = Addressing.of(load(ctx).getProperty("subnet"));
      new WanLinks(ctx, addressing).path(a, b, state);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot change the WAN path " + a + " <-> " + b + ": " + e.getMessage(), e);
    }
  }

  /**
   * Rewrites each named data centre's resolv.conf (bind-mounted over /etc/resolv.conf where its
   * agents and every task they run look it up); the agents keep running.
   */
  @Override
  public void resolvers(Map<String, List<String>> byDataCenter, PluginContext ctx) {
    for (Map.Entry<String, List<String>> dc : byDataCenter.entrySet()) {
      Path file = ctx.workDir().resolve("dc-" + dc.getKey()).resolve("resolv.conf");
      if (!Files.isDirectory(file.getParent())) {
        throw new IllegalArgumentException("data centre " + dc.getKey() + " is not provisioned");
      }
      try {
        ResolvFiles.write(file, dc.getValue());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
      }
      ctx.progress(
          "data centre "
              + dc.getKey()
              + " resolves through "
              + (dc.getValue().isEmpty()
                  ? "the machine's resolvers"
                  : String.join(", ", dc.getValue())));
    }
  }

  @Override
  public void disconnect(PluginContext ctx) {
    ctx.stopJob(WanLinks.jobId(ctx));
    try {
      deleteTree(ctx.workDir().resolve("wan"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the WAN's files: " + e.getMessage(), e);
    }
  }

  /** Data centre indexes and the subnet, kept so later calls (connect, destroy) agree. */
  private static synchronized void remember(
      PluginContext ctx, DataCenterSpec spec, Addressing addressing) throws IOException {
    Properties p = load(ctx);
    String subnet = p.getProperty("subnet");
    if (subnet != null && !subnet.equals(addressing.subnet())) {
      throw new IllegalArgumentException(
          "data centre "
              + spec.name()
              + " asks for subnet "
              + addressing.subnet()
              + " but the scenario's other data centres use "
              + subnet);
    }
    p.setProperty("subnet", addressing.subnet());
    p.setProperty("dc." + spec.name(), Integer.toString(spec.index()));
    store(ctx, p);
  }

  private static synchronized void forget(PluginContext ctx, String dc) throws IOException {
    Properties p = load(ctx);
    p.remove("dc." + dc);
    store(ctx, p);
  }

  private static Properties load(PluginContext ctx) throws IOException {
    Properties p = new Properties();
    Path file = ctx.workDir().resolve(INDEX_FILE);
    if (Files.exists(file)) {
      try (var in = Files.newBufferedReader(file)) {
        p.load(in);
      }
    }
    return p;
  }

  private static void store(PluginContext ctx, Properties p) throws IOException {
    Files.createDirectories(ctx.workDir());
    try (var out = Files.newBufferedWriter(ctx.workDir().resolve(INDEX_FILE))) {
      p.store(out, "booty local hosting: data centre indexes");
    }
  }

  private static void awaitReadyNode(PluginContext ctx, String dc) {
    String nomad = ctx.endpoints().get("nomad.http");
    StackHttp http = StackHttp.of(ctx.security());
    Instant deadline = Instant.now().plusSeconds(90);
    String last = "no node yet";
    while (Instant.now().isBefore(deadline)) {
      try {
        Http.Response r =
            Http.nomad(http, "GET", nomad + "/v1/nodes?filter=" + datacenterFilter(dc), null);
        Matcher id = NODE_ID.matcher(r.body());
        if (r.ok() && r.body().contains("\"Status\":\"ready\"") && id.find()) {
          // ready is not enough: jobs that register in Consul are placed only once the node
          // has fingerprinted its Consul agent
          Http.Response node = Http.nomad(http, "GET", nomad + "/v1/node/" + id.group(1), null);
          if (node.ok() && node.body().contains("\"consul.version\"")) {
            return;
          }
          last = "node ready, its Consul agent not fingerprinted yet";
        } else {
          last = r.ok() ? "node not ready: " + r.body() : "HTTP " + r.status();
        }
      } catch (IOException e) {
        last = e.getMessage();
      }
      Http.sleep(300);
    }
    throw new IllegalStateException(
        "data centre " + dc + ": no ready Nomad node after 90 s (" + last + ")");
  }

  private static List<String> nodeIds(StackHttp http, String nomad, String dc) throws IOException {
    Http.Response r =
        Http.nomad(http, "GET", nomad + "/v1/nodes?filter=" + datacenterFilter(dc), null);
    List<String> ids = new ArrayList<>();
    Matcher m = NODE_ID.matcher(r.body());
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static String datacenterFilter(String dc) {
    return URLEncoder.encode("Datacenter == \"" + dc + "\"", StandardCharsets.UTF_8);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

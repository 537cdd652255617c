package dev.booty.core.plugin.remote;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosMode;
import dev.booty.api.ClusterProvider;
import dev.booty.api.DnsChaos;
import dev.booty.api.DnsProvider;
import dev.booty.api.HostingPreview;
import dev.booty.api.HostingProvider;
import dev.booty.api.NomadJob;
import dev.booty.api.PluginContext;
import dev.booty.api.WanEmulation;
import dev.booty.plugin.sdk.PluginServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real executable plugin serving every extension point but chaos's main one, for the remote
 * tests: started as {@code java -cp TEST_CLASSPATH FakeExtensionsPlugin}. It serves cluster {@code
 * fake-nats}, DNS provider {@code fake-dns} (with {@link DnsChaos}), hosting {@code fake-local}
 * (with {@link HostingPreview} and {@link WanEmulation}), hosting {@code fake-bare} (no ability)
 * and chaos mode {@code fake-dns-outage}, which puts a data centre's DNS down through booty. Every
 * answer is made from the call's data, so a test sees the data cross both ways.
 */
public final class FakeExtensionsPlugin {

  /** What its descriptor declares, as {@code Describe} names it. */
  static final List<String> DECLARED =
      List.of(
          "chaos:fake-dns-outage",
          "cluster:fake-nats",
          "dns:fake-dns[dns-chaos]",
          "hosting:fake-local[preview,wan]",
          "hosting:fake-bare");

  private FakeExtensionsPlugin() {}

  public static void main(String[] args) {
    System.err.println("fake extensions plugin starting");
    PluginServer.serve(
        System.getenv("BOOTY_PLUGIN_ID"),
        "0.0.1",
        new Cluster(),
        new Dns(),
        new Local(),
        new Bare(),
        new DnsOutage());
  }

  /** One endpoint per server address; one job per data centre; no access with option none. */
  static final class Cluster implements ClusterProvider {
    @Override
    public String id() {
      return "fake-nats";
    }

    @Override
    public List<WanEmulation.Endpoint> endpoints(
        ClusterSpec cluster, List<HostingProvider.HostedDataCenter> dataCenters) {
      List<WanEmulation.Endpoint> out = new ArrayList<>();
      for (var dc : dataCenters) {
        for (int i = 0; i < dc.addresses().size(); i++) {
          out.add(
              new WanEmulation.Endpoint(
                  dc.name() + "-" + (i + 1) + ".nats.booty",
                  dc.name(),
                  dc.addresses().get(i),
                  List.of(4222, 7222)));
        }
      }
      return out;
    }

    @Override
    public List<NomadJob> plan(
        ClusterSpec cluster,
        List<HostingProvider.HostedDataCenter> dataCenters,
        Map<String, Map<String, String>> names,
        PluginContext context) {
      if (cluster.version().isEmpty()) {
        throw new IllegalArgumentException(
            "fake-nats: cluster '" + cluster.name() + "' names no nats-server version");
      }
      context.progress("planning " + cluster.name() + " in " + context.workDir());
      List<NomadJob> jobs = new ArrayList<>();
      for (var dc : dataCenters) {
        Map<String, String> variables = new LinkedHashMap<>(cluster.options());
        variables.put("datacenter", dc.nomadDatacenter());
        variables.put("version", cluster.version());
        variables.put("driver", cluster.driver());
        variables.put("names", new java.util.TreeMap<>(names.get(dc.name())).toString());
        jobs.add(
            new NomadJob(context.scenario() + "-nats-" + dc.name(), "job \"nats\" {}", variables));
      }
      return jobs;
    }

    @Override
    public ClientAccess access(ClusterSpec cluster) {
      return "none".equals(cluster.options().get("access"))
          ? null
          : new ClientAccess(4222, 8222, "/healthz?for=" + cluster.name());
    }
  }

  /** Answers each view with its first tier; publishes each view's {@code dns.address}. */
  static final class Dns implements DnsProvider, DnsChaos {
    @Override
    public String id() {
      return "fake-dns";
    }

    @Override
    public DnsPlan plan(DnsZone zone, PluginContext context) {
      List<String> records = new ArrayList<>();
      List<NomadJob> jobs = new ArrayList<>();
      for (View v : zone.views()) {
        Tier first = v.tiers().getFirst();
        records.add(
            v.dataCenter()
                + ": "
                + zone.fqdn()
                + " -> "
                + String.join(
                    ", ", first.targets().stream().map(t -> t.address() + ":" + t.port()).toList())
                + " ttl "
                + zone.ttl().toSeconds()
                + "s");
        jobs.add(
            new NomadJob("dns-" + v.dataCenter(), "job {}", Map.of("dc", v.nomadDatacenter())));
      }
      return new DnsPlan(
          zone, records, List.of(), jobs, Map.of("checked", zone.checkInterval().toString()));
    }

    @Override
    public Map<String, List<String>> publish(DnsPlan plan, PluginContext context) {
      context.progress(
          "publishing " + plan.zone().zone() + " checked every " + plan.data().get("checked"));
      Map<String, List<String>> out = new LinkedHashMap<>();
      for (View v : plan.zone().views()) {
        String address = v.attributes().get("dns.address");
        if (address != null) {
          out.put(v.dataCenter(), List.of(address));
        }
      }
      return out;
    }

    @Override
    public void withdraw(String zone, PluginContext context) {
      context.progress("withdrew " + zone);
    }

    @Override
    public void dns(String zone, String dataCenter, State state, PluginContext context) {
      if (dataCenter.isEmpty()) {
        throw new IllegalStateException("fake-dns: which data centre's DNS of " + zone + "?");
      }
      context.progress("dns of " + dataCenter + " in " + zone + " is " + state);
    }
  }

  /**
   * Addresses 127.0.INDEX.N; each data centre resolves the others' endpoints to 127.0.INDEX.100.
   */
  static final class Local implements HostingProvider, HostingPreview, WanEmulation {
    private final Bare bare = new Bare();

    @Override
    public String id() {
      return "fake-local";
    }

    @Override
    public HostedDataCenter provision(DataCenterSpec dataCenter, PluginContext context) {
      context.progress("provisioning " + dataCenter.name() + " for " + context.scenario());
      return bare.provision(dataCenter, context);
    }

    @Override
    public void release(String dataCenter, PluginContext context) {
      context.progress("released " + dataCenter);
    }

    @Override
    public HostedDataCenter preview(DataCenterSpec dataCenter, PluginContext context) {
      return bare.provision(dataCenter, context);
    }

    @Override
    public Map<String, Map<String, String>> names(
        List<DataCenterSpec> dataCenters, List<Endpoint> endpoints, List<Link> links) {
      Map<String, Map<String, String>> out = new LinkedHashMap<>();
      for (DataCenterSpec dc : dataCenters) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Endpoint e : endpoints) {
          if (!e.dataCenter().equals(dc.name())) {
            names.put(e.hostName(), "127.0." + dc.index() + ".100");
          }
        }
        out.put(dc.name(), names);
      }
      return out;
    }

    @Override
    public Map<String, Map<String, String>> connect(
        List<Endpoint> endpoints, List<Link> links, PluginContext context) {
      for (Link l : links) {
        context.progress("link " + l.a() + "-" + l.b() + " " + l.rtt().toMillis() + "ms");
      }
      List<String> dcs = endpoints.stream().map(Endpoint::dataCenter).distinct().toList();
      Map<String, Map<String, String>> out = new LinkedHashMap<>();
      for (int i = 0; i < dcs.size(); i++) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Endpoint e : endpoints) {
          if (!e.dataCenter().equals(dcs.get(i))) {
            names.put(e.hostName(), "127.0." + (i + 1) + ".100");
          }
        }
        out.put(dcs.get(i), names);
      }
      return out;
    }

    @Override
    public void path(String a, String b, ChaosContext.Path state, PluginContext context) {
      if (a.equals(b)) {
        throw new IllegalArgumentException("fake-local: no path from " + a + " to itself");
      }
      context.progress(
          "path %s-%s rtt %s loss %s down %s silent %s"
              .formatted(a, b, state.rtt(), state.loss(), state.down(), state.silent()));
    }

    @Override
    public void disconnect(PluginContext context) {
      context.progress("disconnected " + context.scenario());
    }
  }

  /** A hosting without abilities; servers below 1 are refused. */
  static final class Bare implements HostingProvider {
    @Override
    public String id() {
      return "fake-bare";
    }

    @Override
    public HostedDataCenter provision(DataCenterSpec dataCenter, PluginContext context) {
      if (dataCenter.servers() < 1) {
        throw new IllegalArgumentException(
            "data centre '" + dataCenter.name() + "' needs at least 1 server");
      }
      List<String> addresses = new ArrayList<>();
      for (int i = 1; i <= dataCenter.servers(); i++) {
        addresses.add("127.0." + dataCenter.index() + "." + i);
      }
      Map<String, String> attributes = new LinkedHashMap<>(dataCenter.options());
      attributes.put("work", context.workDir().toString());
      return new HostedDataCenter(
          dataCenter.name(), "booty-" + dataCenter.name(), addresses, attributes);
    }

    @Override
    public void release(String dataCenter, PluginContext context) {}
  }

  /** Chaos mode {@code fake-dns-outage}: puts its targets' DNS down, and serving again. */
  static final class DnsOutage implements ChaosMode {
    @Override
    public String id() {
      return "fake-dns-outage";
    }

    @Override
    public Map<String, String> prepare(FaultSpec fault, ChaosContext context) {
      return Map.of("targets", String.join(",", fault.targets()));
    }

    @Override
    public List<String> takesOut(FaultSpec fault, ChaosContext context) {
      return List.of();
    }

    @Override
    public void inject(FaultSpec fault, Map<String, String> record, ChaosContext context) {
      for (String dc : record.get("targets").split(",")) {
        context.dns(dc, DnsChaos.State.DOWN);
      }
    }

    @Override
    public void heal(Map<String, String> record, ChaosContext context) {
      for (String dc : record.get("targets").split(",")) {
        context.dns(dc, DnsChaos.State.SERVING);
      }
    }
  }
}

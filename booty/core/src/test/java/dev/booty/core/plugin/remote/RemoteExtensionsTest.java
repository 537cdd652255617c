package dev.booty.core.plugin.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosMode;
import dev.booty.api.ClusterProvider;
import dev.booty.api.ClusterProvider.ClusterSpec;
import dev.booty.api.DnsChaos;
import dev.booty.api.DnsProvider;
import dev.booty.api.DnsResolvers;
import dev.booty.api.HostingPreview;
import dev.booty.api.HostingProvider;
import dev.booty.api.HostingProvider.DataCenterSpec;
import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.api.PluginContext;
import dev.booty.api.WanEmulation;
import dev.booty.core.home.BootyHome;
import dev.booty.plugin.sdk.RecordingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster, DNS and hosting extension points out of process: one real {@link
 * FakeExtensionsPlugin} process serves them all, called through booty's proxies as {@link
 * RemoteExtensions} makes them from the declared extensions. Each call's data goes there and its
 * answer comes back; refusals keep their kind and text.
 */
class RemoteExtensionsTest {
  @TempDir static Path root;
  static RemotePlugins remote;
  static ExecPlugin plugin;
  static long pgid;

  @BeforeAll
  static void setUp() throws Exception {
    remote = new RemotePlugins(new BootyHome(root));
    Path folder = Files.createDirectories(root.resolve("plugins/fake-ext"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var spec =
        new PluginProcess.Spec(
            "fake-ext",
            folder,
            List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                FakeExtensionsPlugin.class.getName()),
            Duration.ofSeconds(60),
            folder.resolve("plugin.yaml"));
    plugin = remote.plugin(spec, Duration.ofMinutes(1), FakeExtensionsPlugin.DECLARED);
    pgid = plugin.process().pid();
  }

  @AfterAll
  static void tearDown() {
    remote.close();
    ProcessGroup.kill(pgid);
  }

  static <T> T extension(Class<T> type, String point, String id, String... abilities) {
    return type.cast(
        RemoteExtensions.of(plugin, new ExecDescriptor.Extension(point, id, List.of(abilities))));
  }

  static final List<HostedDataCenter> DCS =
      List.of(
          new HostedDataCenter("london", "booty-london", List.of("127.0.1.1"), Map.of()),
          new HostedDataCenter(
              "dallas", "booty-dallas", List.of("127.0.2.1", "127.0.2.2"), Map.of()));

  @Test
  void aClusterProviderAnswersEndpointsPlanAndAccessFromTheCallsData() {
    ClusterProvider cluster = extension(ClusterProvider.class, "cluster", "fake-nats");
    var context = new RecordingContext(root);
    var spec = new ClusterSpec("london-2dc", "2.11.17", "raw_exec", Map.of("jetstream", "true"));

    assertThat(cluster.endpoints(spec, DCS))
        .containsExactly(
            new WanEmulation.Endpoint(
                "london-1.nats.booty", "london", "127.0.1.1", List.of(4222, 7222), "london-1"),
            new WanEmulation.Endpoint(
                "dallas-1.nats.booty", "dallas", "127.0.2.1", List.of(4222, 7222), "dallas-1"),
            new WanEmulation.Endpoint(
                "dallas-2.nats.booty", "dallas", "127.0.2.2", List.of(4222, 7222), "dallas-2"));

    var jobs =
        cluster.plan(
            spec,
            DCS,
            Map.of(
                "london", Map.of("dallas-1.nats.booty", "127.0.1.100"),
                "dallas", Map.of("london-1.nats.booty", "127.0.2.100")),
            context);
    assertThat(jobs)
        .extracting(j -> j.id())
        .containsExactly("two-dc-nats-london", "two-dc-nats-dallas");
    assertThat(jobs.getFirst().variables())
        .containsEntry("datacenter", "booty-london")
        .containsEntry("version", "2.11.17")
        .containsEntry("driver", "raw_exec")
        .containsEntry("jetstream", "true")
        .containsEntry("names", "{dallas-1.nats.booty=127.0.1.100}");
    // the plugin's progress came back through booty's Host service, with the context's work dir
    assertThat(context.lines).containsExactly("planning london-2dc in " + root.resolve("work"));

    assertThat(cluster.access(spec))
        .isEqualTo(new ClusterProvider.ClientAccess(4222, 8222, "/healthz?for=london-2dc"));
    assertThat(cluster.access(new ClusterSpec("x", "1", "docker", Map.of("access", "none"))))
        .isNull();

    assertThatThrownBy(
            () ->
                cluster.plan(
                    new ClusterSpec("bad", "", "docker", Map.of()), DCS, Map.of(), context))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("fake-nats: cluster 'bad' names no nats-server version");
    assertThat(((RemoteExtension) cluster).plugin().id()).isEqualTo("fake-ext");
  }

  static DnsProvider.DnsZone zone() {
    var london =
        new DnsProvider.Tier(
            "london", List.of(new DnsProvider.Target("lon-1", "127.0.1.1", 4222, "http://h/")));
    var dallas =
        new DnsProvider.Tier(
            "dallas", List.of(new DnsProvider.Target("dal-1", "127.0.2.1", 4222, "http://h/")));
    return new DnsProvider.DnsZone(
        "two-dc.booty.test",
        "nats",
        Duration.ofSeconds(5),
        Duration.ofSeconds(2),
        Map.of(),
        List.of(
            new DnsProvider.View(
                "london",
                "booty-london",
                Map.of("dns.address", "127.0.1.53"),
                List.of(london, dallas)),
            new DnsProvider.View("dallas", "booty-dallas", Map.of(), List.of(dallas, london))));
  }

  @Test
  void aDnsProviderPlansPublishesWithdrawsAndChangesStatesAsDeclared() {
    DnsProvider dns = extension(DnsProvider.class, "dns", "fake-dns", "dns-chaos");
    var context = new RecordingContext(root);

    DnsProvider.DnsPlan plan = dns.plan(zone(), context);
    assertThat(plan.zone()).isEqualTo(zone());
    assertThat(plan.records())
        .containsExactly(
            "london: nats.two-dc.booty.test -> 127.0.1.1:4222 ttl 5s",
            "dallas: nats.two-dc.booty.test -> 127.0.2.1:4222 ttl 5s");
    assertThat(plan.jobs())
        .extracting(j -> j.variables().get("dc"))
        .containsExactly("booty-london", "booty-dallas");
    assertThat(plan.data()).containsEntry("checked", "PT2S");

    assertThat(dns.publish(plan, context)).isEqualTo(Map.of("london", List.of("127.0.1.53")));
    dns.withdraw("two-dc.booty.test", context);

    assertThat(dns).isInstanceOf(DnsChaos.class);
    ((DnsChaos) dns).dns("two-dc.booty.test", "dallas", DnsChaos.State.STALE, context);
    assertThatThrownBy(
            () -> ((DnsChaos) dns).dns("two-dc.booty.test", "", DnsChaos.State.DOWN, context))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("fake-dns: which data centre's DNS of two-dc.booty.test?");
    assertThat(context.lines)
        .containsExactly(
            "publishing two-dc.booty.test checked every PT2S",
            "withdrew two-dc.booty.test",
            "dns of dallas in two-dc.booty.test is STALE");

    // declared without the ability, booty sees none
    assertThat(extension(DnsProvider.class, "dns", "fake-dns")).isNotInstanceOf(DnsChaos.class);
  }

  @Test
  void aHostingProviderServesItsDeclaredAbilities() {
    HostingProvider hosting =
        extension(HostingProvider.class, "hosting", "fake-local", "preview", "wan");
    var context = new RecordingContext(root);
    assertThat(hosting)
        .isInstanceOf(HostingPreview.class)
        .isInstanceOf(WanEmulation.class)
        .isNotInstanceOf(DnsResolvers.class);
    assertThat(hosting.toString()).isEqualTo("HostingProvider 'fake-local' of plugin fake-ext");

    var london = new DataCenterSpec("london", 1, 2, Map.of("region", "lhr"));
    HostedDataCenter dc = hosting.provision(london, context);
    assertThat(dc)
        .isEqualTo(
            new HostedDataCenter(
                "london",
                "booty-london",
                List.of("127.0.1.1", "127.0.1.2"),
                Map.of("region", "lhr", "work", root.resolve("work").toString())));
    assertThat(((HostingPreview) hosting).preview(london, context)).isEqualTo(dc);
    hosting.release("london", context);

    var dallas = new DataCenterSpec("dallas", 2, 1, Map.of());
    var endpoints =
        List.of(
            new WanEmulation.Endpoint("london-1.nats.booty", "london", "127.0.1.1", List.of(7222)),
            new WanEmulation.Endpoint("dallas-1.nats.booty", "dallas", "127.0.2.1", List.of(7222)));
    var links = List.of(new WanEmulation.Link("london", "dallas", Duration.ofMillis(105)));
    Map<String, Map<String, String>> expected =
        Map.of(
            "london", Map.of("dallas-1.nats.booty", "127.0.1.100"),
            "dallas", Map.of("london-1.nats.booty", "127.0.2.100"));
    assertThat(((HostingPreview) hosting).names(List.of(london, dallas), endpoints, links))
        .isEqualTo(expected);
    WanEmulation wan = (WanEmulation) hosting;
    assertThat(wan.connect(endpoints, links, context)).isEqualTo(expected);
    wan.path(
        "london",
        "dallas",
        new ChaosContext.Path(Duration.ofMillis(300), 0.25, true, true),
        context);
    wan.disconnect(context);
    assertThat(context.lines)
        .containsExactly(
            "provisioning london for two-dc",
            "released london",
            "link london-dallas 105ms",
            "path london-dallas rtt PT0.3S loss 0.25 down true silent true",
            "disconnected two-dc");

    assertThatThrownBy(() -> wan.path("london", "london", ChaosContext.Path.configured(), context))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("fake-local: no path from london to itself");
    assertThatThrownBy(() -> hosting.provision(new DataCenterSpec("x", 3, 0, Map.of()), context))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("data centre 'x' needs at least 1 server");
  }

  @Test
  void anAbilityThePluginDoesNotOfferIsRefusedClearly() {
    HostingProvider bare = extension(HostingProvider.class, "hosting", "fake-bare");
    var context = new RecordingContext(root);
    assertThat(bare)
        .isNotInstanceOf(HostingPreview.class)
        .isNotInstanceOf(WanEmulation.class)
        .isNotInstanceOf(DnsResolvers.class);
    assertThat(bare.provision(new DataCenterSpec("london", 1, 1, Map.of()), context).addresses())
        .containsExactly("127.0.1.1");

    // booty's full proxy asks anyway: the plugin answers UNIMPLEMENTED, naming the ability
    var full = new RemoteHostingProvider(plugin, "fake-bare");
    assertThatThrownBy(() -> full.disconnect(context))
        .isExactlyInstanceOf(UnsupportedOperationException.class)
        .hasMessage("hosting provider 'fake-bare' does not offer the ability 'wan' (WanEmulation)");
    assertThatThrownBy(() -> full.resolvers(Map.of("london", List.of("127.0.0.53")), context))
        .isExactlyInstanceOf(UnsupportedOperationException.class)
        .hasMessage(
            "hosting provider 'fake-bare' does not offer the ability 'resolvers' (DnsResolvers)");
    var local = new RemoteHostingProvider(plugin, "fake-local");
    assertThatThrownBy(() -> local.resolvers(Map.of(), context))
        .isExactlyInstanceOf(UnsupportedOperationException.class)
        .hasMessage(
            "hosting provider 'fake-local' does not offer the ability 'resolvers' (DnsResolvers)");
    // an id the plugin does not serve
    assertThatThrownBy(
            () ->
                extension(HostingProvider.class, "hosting", "fake-cloud")
                    .release("london", context))
        .hasMessageContaining(
            "plugin fake-ext failed HostingProvider 'fake-cloud' Release: NOT_FOUND: this plugin"
                + " has no hosting provider 'fake-cloud'; it has: fake-local, fake-bare");
  }

  @Test
  void aRemoteChaosModeSetsADataCentresDnsThroughBooty() throws Exception {
    ChaosMode mode = extension(ChaosMode.class, "chaos", "fake-dns-outage");
    var context = new DnsContext(new RecordingContext(root));
    var fault = new ChaosMode.FaultSpec(List.of("london", "dallas"), null, Map.of());
    Map<String, String> record = mode.prepare(fault, context);
    mode.inject(fault, record, context);
    mode.heal(record, context);
    assertThat(context.states)
        .containsExactly("london DOWN", "dallas DOWN", "london SERVING", "dallas SERVING");

    // a scenario without a DNS that booty can change: the mode's call fails with booty's reason
    var without = new RecordingContext(root);
    assertThatThrownBy(() -> mode.inject(fault, record, without))
        .isExactlyInstanceOf(UnsupportedOperationException.class)
        .hasMessage("this scenario's DNS cannot be changed by booty");
  }

  /** A chaos context whose data centres' DNS states are recorded. */
  static final class DnsContext implements ChaosContext {
    final List<String> states = new CopyOnWriteArrayList<>();
    private final RecordingContext of;

    DnsContext(RecordingContext of) {
      this.of = of;
    }

    @Override
    public void dns(String dataCenter, DnsChaos.State state) {
      states.add(dataCenter + " " + state);
    }

    @Override
    public PluginContext plugin() {
      return of;
    }

    @Override
    public List<Site> sites() {
      return of.sites();
    }

    @Override
    public Duration rtt(String a, String b) {
      return of.rtt(a, b);
    }

    @Override
    public void signal(List<String> servers, Signal signal) {
      of.signal(servers, signal);
    }

    @Override
    public void servers(String dataCenter, boolean running) {
      of.servers(dataCenter, running);
    }

    @Override
    public void upgrade(String server, String version) {
      of.upgrade(server, version);
    }

    @Override
    public String version(String server) {
      return of.version(server);
    }

    @Override
    public List<String> installedVersions() {
      return of.installedVersions();
    }

    @Override
    public void path(String a, String b, Path state) {
      of.path(a, b, state);
    }

    @Override
    public int clients(String dataCenter) {
      return of.clients(dataCenter);
    }

    @Override
    public void scaleClients(String dataCenter, int count) {
      of.scaleClients(dataCenter, count);
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      of.sleep(duration);
    }
  }
}

package dev.booty.plugins.ssh;

import dev.booty.api.HostingPreview;
import dev.booty.api.HostingProvider;
import dev.booty.api.PluginContext;
import dev.booty.api.StackSecurity;
import dev.booty.api.WanEmulation.Endpoint;
import dev.booty.api.WanEmulation.Link;
import dev.booty.plugins.ssh.HostChecks.HostNeeds;
import dev.booty.plugins.ssh.HostInstall.InstallFile;
import dev.booty.plugins.ssh.HostInstall.Layout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * {@code hosting: ssh}: data centres on servers the person already has, reached over SSH. Every
 * host of a data centre gets a Consul and a Nomad client agent joined to booty's stack (TLS, ACL
 * tokens, gossip key), the binaries booty copied under {@code /opt/booty}, and runs them under
 * systemd or booty's own supervisor.
 *
 * <p>Provision checks every host first and changes nothing when one fails; then installs on all
 * hosts at once, each change written ahead in the host's manifest ({@link ProvisionedHosts}); when
 * any host fails after that, every host is rolled back. Release, and the next provision after an
 * interrupted one, work from those manifests.
 *
 * <p>Options (scenario {@code datacenters[].options}): the hosts ({@link SshHostSpec}), and {@code
 * networkInterface}, the interface whose address Nomad gives tasks (default: Nomad's choice).
 */
@Extension
public final class SshHosting implements HostingProvider, HostingPreview {
  static final Layout LAYOUT = Layout.DEFAULT;
  static final String NETWORK_INTERFACE = "networkInterface";
  private static final Duration CONNECT = Duration.ofSeconds(15);
  private static final Duration CONSUL_ANSWERS = Duration.ofSeconds(60);
  private static final Duration NODES_READY = Duration.ofSeconds(120);

  @Override
  public String id() {
    return "ssh";
  }

  @Override
  public HostedDataCenter provision(DataCenterSpec spec, PluginContext ctx) {
    return withOwnClassLoader(() -> provisionHosts(spec, ctx));
  }

  @Override
  public void release(String dataCenter, PluginContext ctx) {
    withOwnClassLoader(
        () -> {
          releaseHosts(dataCenter, ctx);
          return null;
        });
  }

  /**
   * Runs {@code work} with this plugin's class loader as the thread's context loader (the hosts'
   * threads inherit it). MINA SSHD loads some of its own classes by name through the context loader
   * first: booty's loader must not answer for them, the plugin's, which holds MINA, must.
   */
  static <T> T withOwnClassLoader(java.util.function.Supplier<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(SshHosting.class.getClassLoader());
    try {
      return work.get();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  private HostedDataCenter provisionHosts(DataCenterSpec spec, PluginContext ctx) {
    List<SshHostSpec> hosts = hosts(spec.name(), spec.options());
    StackSecurity security =
        ctx.security()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "data centre "
                            + spec.name()
                            + ": the stack has no credentials; hosts join a secured stack only"
                            + " (run 'booty up' with this booty)"));
    requireReachableStack(spec.name(), hosts, endpoint(ctx, "nomad.rpc"));
    HostAgents.StackJoin join =
        new HostAgents.StackJoin(
            endpoint(ctx, "nomad.rpc"),
            endpoint(ctx, "consul.serf-lan"),
            ctx.endpoints().getOrDefault("consul.datacenter", "booty"),
            security);
    serverAddresses(spec.name(), hosts, spec.servers()); // one server per host, or a clear error
    List<InstallFile> components = new ArrayList<>(ComponentFiles.agents(ctx));
    components.addAll(ComponentFiles.natsServers(ctx));
    List<InstallFile> distribution = ComponentFiles.distribution(ctx);
    components.addAll(distribution);
    String launcher = ComponentFiles.launcher(distribution).orElse("");
    ProvisionedHosts record = new ProvisionedHosts(ctx.home(), ctx.scenario(), spec.name());
    KnownHosts knownHosts = KnownHosts.inHome(ctx.home());

    // 1. every host checked before any is changed; a host booty already installed on (an
    // earlier or interrupted provision) holds its own agents' ports
    long bytes = ComponentFiles.bytes(components);
    List<HostNeeds> needs = new ArrayList<>();
    for (SshHostSpec h : hosts) {
      boolean ours = record.manifest(h).exists();
      needs.add(new HostNeeds(h, ours ? List.of() : HostAgents.PORTS, bytes, LAYOUT.installRoot()));
    }
    new HostChecks(knownHosts, CONNECT, HostChecks.localMachine(), findJdk(ctx)).check(needs);
    ctx.progress("data centre " + spec.name() + ": " + hosts.size() + " hosts checked");

    // 2. all hosts at once; any failure rolls every host back
    record.remember(spec.options());
    Optional<String> networkInterface =
        Optional.ofNullable(spec.options().get(NETWORK_INTERFACE)).filter(s -> !s.isBlank());
    try {
      Parallel.map(
          hosts,
          h -> {
            HostAgents agents =
                new HostAgents(ctx.scenario(), spec.name(), h, join, networkInterface, launcher);
            new HostSetup(ctx, knownHosts, record.manifest(h), agents, CONNECT)
                .install(components, CONSUL_ANSWERS);
            ctx.progress("data centre " + spec.name() + ": agents running on " + h.endpoint());
            return null;
          });
      new StackNodes(ctx).awaitReady(spec.name(), nodeNames(ctx, spec.name(), hosts), NODES_READY);
    } catch (RuntimeException e) {
      RuntimeException failure =
          new IllegalStateException(
              "data centre "
                  + spec.name()
                  + ": provisioning failed, rolled back on every host: "
                  + e.getMessage(),
              e);
      try {
        release(spec.name(), hosts, record, ctx);
      } catch (RuntimeException rollback) {
        failure =
            new IllegalStateException(
                "data centre "
                    + spec.name()
                    + ": provisioning failed ("
                    + e.getMessage()
                    + "), and rolling back failed too; 'booty destroy' retries from the"
                    + " manifests in "
                    + record.dir()
                    + ": "
                    + rollback.getMessage(),
                e);
        failure.addSuppressed(rollback);
      }
      throw failure;
    }
    ctx.progress(
        "data centre " + spec.name() + ": " + hosts.size() + " Nomad nodes ready on its hosts");
    return preview(spec, ctx);
  }

  @Override
  public HostedDataCenter preview(DataCenterSpec spec, PluginContext ctx) {
    List<SshHostSpec> hosts = hosts(spec.name(), spec.options());
    List<String> nodes = nodeNames(ctx, spec.name(), hosts);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("hosts", String.join(",", hosts.stream().map(SshHostSpec::address).toList()));
    attributes.put("host", hosts.get(0).address());
    attributes.put("node", nodes.get(0));
    attributes.put("nodes", String.join(",", nodes));
    attributes.put("nomad.http", "https://" + hosts.get(0).address() + ":4646");
    attributes.put("consul.http", "https://" + hosts.get(0).address() + ":8500");
    attributes.put("booty.home", LAYOUT.installRoot());
    // no names are set up on real hosts: the cluster reaches its servers by address
    attributes.put("servers.reachedBy", "address");
    return new HostedDataCenter(
        spec.name(), spec.name(), serverAddresses(spec.name(), hosts, spec.servers()), attributes);
  }

  /** ssh hosting emulates no WAN: names resolve as the hosts' own resolvers say. */
  @Override
  public Map<String, Map<String, String>> names(
      List<DataCenterSpec> dataCenters, List<Endpoint> endpoints, List<Link> links) {
    return Map.of();
  }

  private static void releaseHosts(String dataCenter, PluginContext ctx) {
    ProvisionedHosts record = new ProvisionedHosts(ctx.home(), ctx.scenario(), dataCenter);
    if (!record.exists()) {
      ctx.progress("data centre " + dataCenter + ": nothing on any host");
      return;
    }
    release(dataCenter, hosts(dataCenter, record.options()), record, ctx);
    ctx.progress("data centre " + dataCenter + ": released");
  }

  /**
   * Stops the agents and removes what each host's manifest names, then the hosts' nodes from the
   * stack; a host that cannot be reached keeps its manifest (and its node), and the error names it.
   */
  private static void release(
      String dataCenter, List<SshHostSpec> hosts, ProvisionedHosts record, PluginContext ctx) {
    KnownHosts knownHosts = KnownHosts.inHome(ctx.home());
    List<SshHostException.Problem> problems = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    List<Optional<SshHostException.Problem>> outcomes =
        Parallel.map(
            hosts,
            h -> {
              HostManifest manifest = record.manifest(h);
              if (!manifest.exists()) {
                return Optional.empty();
              }
              try {
                HostInstall.Uninstalled u = HostSetup.uninstall(h, knownHosts, manifest, CONNECT);
                if (!u.keptDirectories().isEmpty()) {
                  ctx.progress(
                      h.label()
                          + ": kept "
                          + String.join(", ", u.keptDirectories())
                          + " (they hold files that are not booty's)");
                }
                return Optional.empty();
              } catch (RuntimeException e) {
                return Optional.of(new SshHostException.Problem(h, e.getMessage()));
              }
            });
    for (int i = 0; i < hosts.size(); i++) {
      if (outcomes.get(i).isPresent()) {
        problems.add(outcomes.get(i).get());
      } else {
        gone.add(HostAgents.nodeName(ctx.scenario(), dataCenter, hosts.get(i).index()));
      }
    }
    new StackNodes(ctx).forget(dataCenter, gone);
    if (!problems.isEmpty()) {
      throw new SshHostException(
          "cannot remove booty's agents and files from "
              + problems.size()
              + (problems.size() == 1 ? " host" : " hosts")
              + " (their manifests in "
              + record.dir()
              + " are kept for the next try):",
          problems);
    }
    record.forgetIfEmpty();
  }

  /**
   * Where the data centre's servers go: the first {@code servers} hosts' addresses, one server per
   * host (the servers of a data centre share their ports, so two on one address would collide).
   */
  static List<String> serverAddresses(String dataCenter, List<SshHostSpec> hosts, int servers) {
    if (servers > hosts.size()) {
      throw new IllegalArgumentException(
          "datacenter "
              + dataCenter
              + ": "
              + servers
              + " servers on "
              + hosts.size()
              + (hosts.size() == 1 ? " host" : " hosts")
              + "; ssh hosting runs one nats-server per host (list as many hosts, host.N.address,"
              + " as servers)");
    }
    List<String> addresses = new ArrayList<>();
    for (int k = 0; k < servers; k++) {
      addresses.add(hosts.get(k % hosts.size()).address());
    }
    return addresses;
  }

  /** The data centre's hosts; other options than {@code host.N.*} must be known ones. */
  static List<SshHostSpec> hosts(String dataCenter, Map<String, String> options) {
    for (String key : options.keySet()) {
      if (!key.startsWith(SshHostSpec.PREFIX) && !key.equals(NETWORK_INTERFACE)) {
        throw new IllegalArgumentException(
            "datacenter "
                + dataCenter
                + ": option "
                + key
                + " is not an ssh hosting option (host.N.*, "
                + NETWORK_INTERFACE
                + ")");
      }
    }
    return SshHostSpec.parse(dataCenter, options, Path.of(System.getProperty("user.home")));
  }

  private static List<String> nodeNames(
      PluginContext ctx, String dataCenter, List<SshHostSpec> hosts) {
    return hosts.stream()
        .map(h -> HostAgents.nodeName(ctx.scenario(), dataCenter, h.index()))
        .toList();
  }

  /**
   * Hosts join the stack at its advertised address: a stack on loopback only is reachable from
   * hosts on this machine alone (the tests' hosts), so any other host is refused up front with the
   * command that fixes it.
   */
  static void requireReachableStack(String dataCenter, List<SshHostSpec> hosts, String nomadRpc) {
    String stack = nomadRpc.substring(0, Math.max(0, nomadRpc.lastIndexOf(':')));
    if (!loopback(stack)) {
      return;
    }
    List<String> remote =
        hosts.stream().map(SshHostSpec::address).filter(a -> !loopback(a)).toList();
    if (!remote.isEmpty()) {
      throw new IllegalArgumentException(
          "datacenter "
              + dataCenter
              + ": the stack listens on loopback only (Nomad RPC at "
              + nomadRpc
              + "), which "
              + String.join(", ", remote)
              + " cannot reach; run 'booty down', then 'booty up --advertise ADDR' with an address"
              + " of this machine the hosts reach");
    }
  }

  /** A literal loopback address (or localhost); a host name counts as another machine. */
  static boolean loopback(String address) {
    String a = address.startsWith("[") ? address.substring(1, address.length() - 1) : address;
    return a.equals("localhost") || a.equals("::1") || a.matches("127(\\.\\d{1,3}){3}");
  }

  /** The distribution's find-jdk script, which the hosts must satisfy when booty runs there. */
  private static Optional<String> findJdk(PluginContext ctx) {
    return ctx.distribution()
        .map(d -> d.resolve("bin").resolve("find-jdk"))
        .filter(java.nio.file.Files::isRegularFile)
        .map(
            f -> {
              try {
                return java.nio.file.Files.readString(f);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + f, e);
              }
            });
  }

  private static String endpoint(PluginContext ctx, String name) {
    String v = ctx.endpoints().get(name);
    if (v == null) {
      throw new IllegalStateException("the stack does not report its " + name + "; is it up?");
    }
    return v;
  }
}

package dev.booty.plugins.ssh;

import dev.booty.api.JobResult;
import dev.booty.api.NomadJob;
import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentManager;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.manifest.ComponentRef;
import dev.booty.core.manifest.ManifestLoader;
import dev.booty.core.plugin.BootyPluginContext;
import dev.booty.core.security.StackCredentials;
import dev.booty.core.source.Sources;
import dev.booty.core.stack.ConsulService;
import dev.booty.core.stack.NomadService;
import dev.booty.core.stack.StackContext;
import dev.booty.core.stack.StackPorts;
import dev.booty.core.stack.Supervisor;
import dev.booty.core.util.Progress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A real secured stack for the plugin's tests and its benchmark: booty's own Consul and Nomad
 * services with ACLs, gossip encryption and TLS from booty's CA, on free loopback ports, in a booty
 * home under the folder the caller gives (which the caller removes). Hosts that {@link SshHosting}
 * provisions join it.
 *
 * <p>Close it (try-with-resources or an {@code @AfterAll}): it stops the stack's services, which
 * are children of this JVM. A shutdown hook stops them too when a run is cut short.
 */
final class SecuredStack implements AutoCloseable {
  private final BootyHome home;
  private final Path dir;
  private final Supervisor supervisor;
  private final Map<String, String> endpoints;
  private final Thread hook;
  final List<String> log = new CopyOnWriteArrayList<>();

  private SecuredStack(Path dir) throws IOException {
    this.dir = dir;
    this.home = new BootyHome(dir.resolve("home"));
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put(BootyHome.ENV, home.root().toString());
    env.remove(ManifestLoader.ENV);
    ComponentStore store = new ComponentStore(home);
    ComponentManager manager = new ComponentManager(ManifestLoader.builtIn(), store, env);
    for (String c : List.of("nomad", "consul", "nats-server")) {
      manager.installer(Sources.defaults(), Progress.silent()).install(ComponentRef.parse(c));
    }
    Map<String, Integer> ports = freePorts();
    StackContext ctx = new StackContext(home, StackPorts.load(home.stack().ports(), ports), store);
    StackCredentials creds = StackCredentials.ensure(home);
    supervisor =
        new Supervisor(
            ctx,
            List.of(ConsulService.describe(ctx, creds), NomadService.describe(ctx, null, creds)),
            log::add);
    hook = new Thread(supervisor::stop, "stop-secured-stack");
    Runtime.getRuntime().addShutdownHook(hook);
    Map<String, String> e = new HashMap<>();
    e.put("nomad.http", "https://127.0.0.1:" + ports.get("nomad.http"));
    e.put("nomad.rpc", "127.0.0.1:" + ports.get("nomad.rpc"));
    e.put("nomad.datacenter", "booty");
    e.put("consul.http", "https://127.0.0.1:" + ports.get("consul.http"));
    e.put("consul.serf-lan", "127.0.0.1:" + ports.get("consul.serf-lan"));
    e.put("consul.datacenter", "booty");
    endpoints = Map.copyOf(e);
  }

  /**
   * Installs Nomad, Consul and nats-server into a fresh home under {@code dir} and starts the
   * stack; stops what it started when starting fails.
   */
  static SecuredStack start(Path dir) throws IOException {
    SecuredStack stack = new SecuredStack(dir);
    try {
      stack.supervisor.start();
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  BootyHome home() {
    return home;
  }

  /** The endpoints booty hands plugins ({@code nomad.rpc}, {@code consul.serf-lan}, ...). */
  Map<String, String> endpoints() {
    return endpoints;
  }

  /**
   * The context booty gives the ssh hosting plugin for {@code scenario}; jobs are not the hosting
   * plugin's business, so running one fails.
   */
  BootyPluginContext context(String scenario, Consumer<String> progress) {
    BootyPluginContext.Jobs noJobs =
        new BootyPluginContext.Jobs() {
          @Override
          public JobResult run(NomadJob job) {
            throw new AssertionError("hosting runs no jobs: " + job.id());
          }

          @Override
          public boolean stop(String id) {
            throw new AssertionError("hosting stops no jobs: " + id);
          }
        };
    return new BootyPluginContext(
            home,
            new ComponentStore(home),
            new BootyPluginContext.Deployment(
                scenario, dir.resolve("work").resolve(scenario), endpoints, noJobs),
            progress)
        .forPlugin("ssh-hosting");
  }

  /**
   * A data centre's options naming {@code hosts} as host 1, 2, ... (address, key, known host line),
   * Nomad's tasks on {@code lo}.
   */
  static Map<String, String> options(List<SshTestHosts.Host> hosts) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < hosts.size(); i++) {
      SshTestHosts.Host h = hosts.get(i);
      options.put("host." + (i + 1) + ".address", h.address());
      options.put("host." + (i + 1) + ".key", h.keyFile().toString());
      options.put("host." + (i + 1) + ".knownHost", h.knownHostsLine());
    }
    options.put("networkInterface", "lo");
    return options;
  }

  @Override
  public void close() {
    supervisor.stop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs (or ran) anyway
    }
  }

  private static Map<String, Integer> freePorts() throws IOException {
    Map<String, Integer> ports = new HashMap<>();
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (String name : StackPorts.names()) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        ports.put(name, s.getLocalPort());
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    return ports;
  }
}

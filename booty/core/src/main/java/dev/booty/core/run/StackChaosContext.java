package dev.booty.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.booty.api.ChaosContext;
import dev.booty.api.PluginContext;
import dev.booty.api.WanEmulation;
import dev.booty.core.backchannel.protocol.Command;
import dev.booty.core.backchannel.protocol.CommandClient;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.install.InstalledVersion;
import dev.booty.core.nomad.JobRunner;
import dev.booty.core.nomad.NomadApi;
import dev.booty.core.util.Json;
import dev.booty.core.util.Poll;
import dev.booty.core.verdict.Inventory;
import io.nats.client.Connection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * booty's {@link ChaosContext} on a deployed scenario: signals go to the booty agent of the
 * server's node over the back channel, server jobs are stopped and run again through Nomad (the
 * job's own spec, kept by Nomad), an upgrade swaps one server group's binary (or image) and lets
 * Nomad replace it (lame duck first: the job's kill signal), WAN paths go through the hosting
 * plugin's {@link WanEmulation}, clients are scaled by their job's count.
 */
public final class StackChaosContext implements ChaosContext {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
  private static final String NATS_SERVER = "nats-server";

  private final Inventory inventory;
  private final PluginContext hostingContext;
  private final WanEmulation wan;
  private final NomadApi nomad;
  private final JobRunner jobs;
  private final ComponentStore store;
  private final Connection backChannel;
  private final Consumer<String> progress;
  private final Duration timeout;
  private final Set<String> lameDuck = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private Dns dns;

  /** The scenario's DNS plugin with its zone and context; null when it has none. */
  private record Dns(
      dev.booty.api.DnsProvider provider, String id, String zone, PluginContext ctx) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public StackChaosContext(
      Inventory inventory,
      PluginContext hostingContext,
      WanEmulation wan,
      NomadApi nomad,
      ComponentStore store,
      Connection backChannel,
      Consumer<String> progress,
      Duration timeout) {
    this.inventory = inventory;
    this.hostingContext = hostingContext;
    this.wan = wan;
    this.nomad = nomad;
    this.jobs = new JobRunner(nomad, store, progress);
    this.store = store;
    this.backChannel = backChannel;
    this.progress = progress;
    this.timeout = timeout;
  }

  /** The context of a deployed scenario: its hosting plugin's WAN, Nomad, the store, the agents. */
  public static StackChaosContext open(
      dev.booty.core.deploy.Deployer deployer,
      dev.booty.core.deploy.Deployer.Environment env,
      Inventory inventory,
      Connection backChannel,
      Consumer<String> progress,
      Duration timeout) {
    dev.booty.api.HostingProvider hosting =
        deployer.extension(dev.booty.api.HostingProvider.class, inventory.hosting());
    StackChaosContext ctx =
        new StackChaosContext(
            inventory,
            deployer.context(inventory.scenario(), inventory.hosting()),
            hosting instanceof WanEmulation w ? w : null,
            env.nomad(),
            env.store(),
            backChannel,
            progress,
            timeout);
    dev.booty.core.deploy.DeploymentState.read(env.home().root(), inventory.scenario())
        .filter(st -> st.dns() != null && st.zone() != null)
        .ifPresent(
            st ->
                ctx.dns =
                    new Dns(
                        deployer.extension(dev.booty.api.DnsProvider.class, st.dns()),
                        st.dns(),
                        st.zone(),
                        deployer.context(inventory.scenario(), st.dns())));
    return ctx;
  }

  @Override
  public void dns(String dataCenter, dev.booty.api.DnsChaos.State state) {
    if (dns == null) {
      throw new UnsupportedOperationException(
          "scenario " + inventory.scenario() + " has no DNS plugin (plugins.dns)");
    }
    if (!(dns.provider() instanceof dev.booty.api.DnsChaos chaos)) {
      throw new UnsupportedOperationException(
          "DNS plugin "
              + dns.id()
              + " cannot take its servers down or stale (dev.booty.api.DnsChaos)");
    }
    chaos.dns(dns.zone(), dataCenter, state, dns.ctx());
  }

  @Override
  public PluginContext plugin() {
    return hostingContext;
  }

  @Override
  public List<Site> sites() {
    List<Site> out = new ArrayList<>();
    for (String dc : inventory.datacenters()) {
      out.add(
          new Site(
              dc,
              inventory.in(dc).stream().map(s -> new Server(s.name(), s.dc(), s.host())).toList()));
    }
    return out;
  }

  @Override
  public Duration rtt(String a, String b) {
    return Duration.ofMillis(inventory.rtt(a, b));
  }

  @Override
  public void signal(List<String> servers, Signal signal) {
    signalled(servers, signal);
  }

  /** When the first and the last of a signal's servers were signalled. */
  public record Signalled(Instant first, Instant last) {}

  /**
   * {@link #signal}, saying when the servers were signalled by their agents' clocks (for an agent
   * that does not say: when its answer arrived).
   */
  public Signalled signalled(List<String> servers, Signal signal) {
    // all at once, as a data centre dies: one request per server, sent together
    List<Inventory.Server> chosen = servers.stream().map(inventory::require).toList();
    List<String> failed = new ArrayList<>();
    List<Instant> at = new ArrayList<>();
    List<Thread> sending = new ArrayList<>();
    for (Inventory.Server s : chosen) {
      Command command =
          switch (signal) {
            case STOP -> new Command.Stop(s.name());
            case CONT -> new Command.Start(s.name());
            case KILL -> new Command.Kill(s.name());
          };
      sending.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      CommandClient.Outcome o =
                          CommandClient.send(
                                  backChannel,
                                  List.of(new CommandClient.Target(s.node(), s.dc())),
                                  command,
                                  COMMAND_TIMEOUT)
                              .getFirst();
                      synchronized (at) {
                        at.add(signalledAt(o));
                      }
                      if (o.state() != CommandClient.State.OK) {
                        synchronized (failed) {
                          failed.add(
                              s.name()
                                  + " ("
                                  + o.state()
                                  + (o.error() == null ? "" : ": " + o.error())
                                  + ")");
                        }
                      }
                    } catch (InterruptedException e) {
                      synchronized (failed) {
                        failed.add(s.name() + " (interrupted)");
                      }
                    }
                  }));
    }
    try {
      for (Thread t : sending) {
        t.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling " + servers);
    }
    if (!failed.isEmpty()) {
      throw new IllegalStateException(
          "SIG" + signal + " did not reach " + String.join(", ", failed));
    }
    progress.accept("SIG" + signal + " sent to " + String.join(", ", servers));
    Instant now = Instant.now();
    return new Signalled(
        at.stream().min(Instant::compareTo).orElse(now),
        at.stream().max(Instant::compareTo).orElse(now));
  }

  /**
   * Checks the way to every server's process before the first fault, and readies it: a SIGCONT to
   * each (nothing to a running server, and it thaws one a broken run left frozen) makes every agent
   * find its servers' processes and booty send its first signals before they count, so the first
   * step is injected as fast as the later ones. A server that cannot be signalled is reported, not
   * fatal: a timeline may well not signal it.
   */
  public void arm() {
    try {
      signalled(inventory.servers().stream().map(Inventory.Server::name).toList(), Signal.CONT);
    } catch (IllegalStateException e) {
      progress.accept(e.getMessage() + ": a step that signals it will fail");
    }
  }

  private static Instant signalledAt(CommandClient.Outcome o) {
    String at = o.result() == null ? "" : o.result().path("at").asText("");
    try {
      return at.isEmpty() ? Instant.now() : Instant.parse(at);
    } catch (java.time.format.DateTimeParseException e) {
      return Instant.now();
    }
  }

  @Override
  public void servers(String dataCenter, boolean running) {
    List<Inventory.Server> servers = inventory.in(dataCenter);
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("no servers in data centre '" + dataCenter + "'");
    }
    Set<String> jobIds = new LinkedHashSet<>();
    servers.forEach(s -> jobIds.add(s.job()));
    for (String id : jobIds) {
      JsonNode job = nomad.job(id);
      if (job == null) {
        throw new IllegalStateException(
            "Nomad knows no job " + id + " (deploy the scenario again)");
      }
      if (!running) {
        if (!job.path("Stop").asBoolean()) {
          nomad.stop(id, false);
          progress.accept("stopped job " + id);
        }
        continue;
      }
      if (job.path("Stop").asBoolean()) {
        ObjectNode copy = ((ObjectNode) job).deepCopy();
        copy.put("Stop", false);
        follow(id, nomad.register(copy));
        progress.accept("job " + id + " runs again");
      }
    }
    if (running) {
      for (Inventory.Server s : servers) {
        awaitHealthy(s);
      }
    }
  }

  @Override
  public void upgrade(String server, String version) {
    Inventory.Server s = inventory.require(server);
    InstalledVersion v =
        store
            .find(NATS_SERVER, version)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "nats-server "
                            + version
                            + " is not installed (installed: "
                            + String.join(", ", installedVersions())
                            + ")"));
    JsonNode job = nomad.job(s.job());
    if (job == null) {
      throw new IllegalStateException("Nomad knows no job " + s.job());
    }
    ObjectNode copy = ((ObjectNode) job).deepCopy();
    boolean found = false;
    for (JsonNode group : copy.path("TaskGroups")) {
      if (!group.path("Name").asText().equals(server)) {
        continue;
      }
      for (JsonNode task : group.path("Tasks")) {
        ObjectNode config = (ObjectNode) task.path("Config");
        if (task.path("Driver").asText().equals("docker")) {
          config.put("image", "localhost/booty/nats-server:" + version);
        } else {
          config.put("command", store.binary(v).toString());
        }
        found = true;
      }
    }
    if (!found) {
      throw new IllegalStateException("job " + s.job() + " has no group for server " + server);
    }
    copy.put("Stop", false);
    // the job's meta stays (a change there would replace every server of the job); the next
    // deploy learns from the drift file that this job differs from its file
    dev.booty.core.deploy.Drift.mark(plugin().home(), inventory.scenario(), s.job());
    lameDuck.add(server);
    try {
      progress.accept(server + ": lame duck, then nats-server " + version);
      follow(s.job(), nomad.register(copy));
      Instant deadline = Instant.now().plus(timeout);
      String now = "";
      while (Instant.now().isBefore(deadline)) {
        try {
          now = version(server);
          if (now.equals(version) && healthy(s)) {
            lameDuck.remove(server);
            progress.accept(server + ": nats-server " + version + ", healthy");
            return;
          }
        } catch (IllegalStateException e) {
          now = e.getMessage();
        }
        Poll.pause(Duration.ofMillis(500));
      }
      throw new IllegalStateException(
          server + " did not come back as nats-server " + version + " (last: " + now + ")");
    } finally {
      lameDuck.remove(server);
    }
  }

  /** The servers an upgrade has sent into lame duck and that are not back yet. */
  public Set<String> inLameDuck() {
    return Set.copyOf(lameDuck);
  }

  @Override
  public String version(String server) {
    Inventory.Server s = inventory.require(server);
    try {
      HttpResponse<String> r = get(s.monitorUrl() + "/varz");
      if (r.statusCode() != 200) {
        throw new IllegalStateException(s.monitorUrl() + "/varz answered " + r.statusCode());
      }
      return Json.MAPPER.readTree(r.body()).path("version").asText();
    } catch (IOException e) {
      throw new IllegalStateException(s.monitorUrl() + "/varz: " + e.getMessage());
    }
  }

  @Override
  public List<String> installedVersions() {
    return store.installed(NATS_SERVER).stream().map(InstalledVersion::version).toList();
  }

  @Override
  public void path(String a, String b, Path state) {
    if (wan == null) {
      throw new IllegalStateException(
          "hosting plugin " + inventory.hosting() + " cannot change WAN paths");
    }
    if (!inventory.datacenters().contains(a) || !inventory.datacenters().contains(b)) {
      throw new IllegalArgumentException(
          "no path " + a + " <-> " + b + " (data centres: " + inventory.datacenters() + ")");
    }
    Duration rtt = state.rtt() == null ? rtt(a, b) : state.rtt();
    wan.path(a, b, new Path(rtt, state.loss(), state.down(), state.silent()), hostingContext);
    progress.accept(
        "path "
            + a
            + " <-> "
            + b
            + ": "
            + (state.down()
                ? (state.silent() ? "down (silent)" : "down (hard)")
                : "rtt "
                    + rtt.toMillis()
                    + " ms"
                    + (state.loss() > 0 ? ", loss " + state.loss() : "")));
  }

  @Override
  public int clients(String dataCenter) {
    return clients(dataCenter, null);
  }

  @Override
  public int clients(String dataCenter, String group) {
    Inventory.ClientJob c = clientJob(dataCenter, group);
    JsonNode job = nomad.job(c.job());
    if (job == null || job.path("Stop").asBoolean()) {
      return 0;
    }
    for (JsonNode taskGroup : job.path("TaskGroups")) {
      return taskGroup.path("Count").asInt() * c.perTask();
    }
    return 0;
  }

  @Override
  public void scaleClients(String dataCenter, int count) {
    scaleClients(dataCenter, null, count);
  }

  @Override
  public void scaleClients(String dataCenter, String group, int count) {
    Inventory.ClientJob c = clientJob(dataCenter, group);
    if (count < 0 || count % c.perTask() != 0) {
      throw new IllegalArgumentException(
          "clients of "
              + dataCenter
              + " run "
              + c.perTask()
              + " per process; "
              + count
              + " is not a multiple of it");
    }
    JsonNode job = nomad.job(c.job());
    if (job == null) {
      throw new IllegalStateException("Nomad knows no job " + c.job());
    }
    for (JsonNode taskGroup : job.path("TaskGroups")) {
      follow(c.job(), nomad.scale(c.job(), taskGroup.path("Name").asText(), count / c.perTask()));
    }
    progress.accept("clients of " + (group == null ? dataCenter : group) + ": " + count);
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }

  /** A data centre's first client group, or the one labelled {@code group}. */
  private Inventory.ClientJob clientJob(String dc, String group) {
    if (group == null) {
      return inventory
          .clientJob(dc)
          .orElseThrow(
              () -> new IllegalArgumentException("data centre '" + dc + "' runs no test clients"));
    }
    String job = inventory.scenario() + "-clients-" + group;
    return inventory.clientGroups().stream()
        .filter(c -> c.dc().equals(dc) && c.job().equals(job))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "data centre '" + dc + "' has no client group '" + group + "'"));
  }

  private void follow(String jobId, String eval) {
    JobRunner.Outcome done = jobs.follow(new JobRunner.Outcome(jobId, eval, 0, ""), timeout);
    if (done.exitCode() != 0) {
      throw new IllegalStateException("job " + jobId + ": " + done.message());
    }
  }

  private boolean healthy(Inventory.Server s) {
    try {
      return get(s.monitorUrl() + "/healthz").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private void awaitHealthy(Inventory.Server s) {
    if (Poll.until(timeout, Duration.ofMillis(250), () -> healthy(s))) {
      return;
    }
    throw new IllegalStateException(
        s.name() + " is not healthy at " + s.monitorUrl() + "/healthz after " + timeout);
  }

  private HttpResponse<String> get(String url) throws IOException {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }
}

package dev.booty.plugins.chaos;

import dev.booty.api.ApiVersion;
import dev.booty.api.ChaosContext;
import dev.booty.api.Durations;
import dev.booty.api.JobResult;
import dev.booty.api.NomadJob;
import dev.booty.api.PluginContext;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A deployment of three data centres, london, amsterdam and dallas, with three servers each
 * (lon-1.., ams-1.., dal-1..), RTTs of 8, 105 and 115 ms, nats-server 2.10.27 everywhere and
 * 2.11.17 installed beside it. It records every action, and every version read, in {@link #calls}
 * as {@link Calls} spells them; sleeping only advances {@link #nanos}.
 */
final class FakeChaosContext implements ChaosContext {
  static final String OLD = "2.10.27";
  static final String NEW = "2.11.17";

  final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  final List<String> progress = Collections.synchronizedList(new ArrayList<>());
  final AtomicLong nanos = new AtomicLong(7_000_000_000L);
  final Map<String, String> versions = new ConcurrentHashMap<>();
  final Map<String, Integer> clients = new ConcurrentHashMap<>();

  /** Servers whose upgrade leaves them on the version they ran. */
  final Set<String> stuck = ConcurrentHashMap.newKeySet();

  /** Calls, as recorded, that fail with an IllegalStateException after being recorded. */
  final Set<String> failing = ConcurrentHashMap.newKeySet();

  /** Runs inside {@link #upgrade}, after recording it, on the upgrading thread. */
  volatile Consumer<String> onUpgrade = server -> {};

  /** The sleep (counted from 1) that throws InterruptedException instead; 0: none. */
  volatile int interruptAtSleep;

  private int sleeps;
  private final List<Site> sites;

  FakeChaosContext() {
    sites = List.of(site("london", "lon"), site("amsterdam", "ams"), site("dallas", "dal"));
    sites.forEach(s -> s.servers().forEach(server -> versions.put(server.name(), OLD)));
    clients.putAll(Map.of("london", 10, "amsterdam", 4, "dallas", 6));
  }

  private static Site site(String name, String prefix) {
    List<Server> servers = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      servers.add(new Server(prefix + "-" + i, name, prefix + "-" + i + ".nats.booty"));
    }
    return new Site(name, servers);
  }

  /** A heal record as it comes back after being written down as text by another process. */
  static Map<String, String> persisted(Map<String, String> record) {
    try {
      Properties out = new Properties();
      out.putAll(record);
      StringWriter text = new StringWriter();
      out.store(text, null);
      Properties in = new Properties();
      in.load(new StringReader(text.toString()));
      Map<String, String> back = new LinkedHashMap<>();
      in.stringPropertyNames().forEach(k -> back.put(k, in.getProperty(k)));
      return back;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Calls that change something (everything but version reads). */
  List<String> actions() {
    synchronized (calls) {
      return calls.stream().filter(c -> !c.startsWith("version ")).toList();
    }
  }

  private void record(String call) {
    calls.add(call);
    if (failing.contains(call)) {
      throw new IllegalStateException("fake refuses: " + call);
    }
  }

  @Override
  public PluginContext plugin() {
    return new Progress();
  }

  @Override
  public List<Site> sites() {
    return sites;
  }

  @Override
  public Duration rtt(String a, String b) {
    Set<String> pair = new HashSet<>(List.of(a, b));
    if (pair.size() == 1) {
      return Duration.ZERO;
    }
    if (pair.equals(Set.of("london", "amsterdam"))) {
      return Duration.ofMillis(8);
    }
    if (pair.equals(Set.of("london", "dallas"))) {
      return Duration.ofMillis(105);
    }
    if (pair.equals(Set.of("amsterdam", "dallas"))) {
      return Duration.ofMillis(115);
    }
    throw new IllegalStateException("no path " + a + "~" + b);
  }

  @Override
  public void signal(List<String> servers, Signal signal) {
    record(Calls.signal(servers, signal));
  }

  @Override
  public void servers(String dataCenter, boolean running) {
    record(Calls.servers(dataCenter, running));
  }

  @Override
  public void dns(String dataCenter, dev.booty.api.DnsChaos.State state) {
    record(Calls.dns(dataCenter, state));
  }

  @Override
  public void upgrade(String server, String version) {
    record(Calls.upgrade(server, version));
    onUpgrade.accept(server);
    if (!stuck.contains(server)) {
      versions.put(server, version);
    }
  }

  @Override
  public String version(String server) {
    record(Calls.version(server));
    return versions.get(server);
  }

  @Override
  public List<String> installedVersions() {
    return List.of(OLD, NEW);
  }

  @Override
  public void path(String a, String b, Path state) {
    record(Calls.path(a, b, state));
  }

  @Override
  public int clients(String dataCenter) {
    return clients.get(dataCenter);
  }

  @Override
  public void scaleClients(String dataCenter, int count) {
    record(Calls.scale(dataCenter, count));
    clients.put(dataCenter, count);
  }

  /** Groups by label: {@code london-browser} holds 4 clients; others are unknown. */
  final Map<String, Integer> groups = new ConcurrentHashMap<>(Map.of("london-browser", 4));

  @Override
  public int clients(String dataCenter, String group) {
    if (group == null) {
      return clients(dataCenter);
    }
    Integer n = groups.get(group);
    if (n == null || !group.startsWith(dataCenter + "-")) {
      throw new IllegalArgumentException(
          "data centre '" + dataCenter + "' has no client group '" + group + "'");
    }
    return n;
  }

  @Override
  public void scaleClients(String dataCenter, String group, int count) {
    if (group == null) {
      scaleClients(dataCenter, count);
      return;
    }
    record(Calls.scale(group, count));
    groups.put(group, count);
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    synchronized (this) {
      sleeps++;
      if (sleeps == interruptAtSleep) {
        throw new InterruptedException("fake interruption at sleep " + sleeps);
      }
    }
    record(Calls.sleep(Durations.format(duration)));
    nanos.addAndGet(duration.toNanos());
  }

  /** The plugin context: progress lines only. */
  private final class Progress implements PluginContext {
    @Override
    public void progress(String message) {
      FakeChaosContext.this.progress.add(message);
    }

    @Override
    public ApiVersion apiVersion() {
      return ApiVersion.CURRENT;
    }

    @Override
    public java.nio.file.Path home() {
      throw new UnsupportedOperationException("chaos modes only report progress");
    }

    @Override
    public Optional<java.nio.file.Path> binary(String component) {
      throw new UnsupportedOperationException("chaos modes only report progress");
    }

    @Override
    public Optional<java.nio.file.Path> binary(String component, String version) {
      throw new UnsupportedOperationException("chaos modes only report progress");
    }

    @Override
    public String scenario() {
      return "local-3dc";
    }

    @Override
    public java.nio.file.Path workDir() {
      throw new UnsupportedOperationException("chaos modes only report progress");
    }

    @Override
    public Map<String, String> endpoints() {
      throw new UnsupportedOperationException("chaos modes only report progress");
    }

    @Override
    public JobResult runJob(NomadJob job) {
      throw new UnsupportedOperationException("chaos modes act through the chaos context");
    }

    @Override
    public boolean stopJob(String id) {
      throw new UnsupportedOperationException("chaos modes act through the chaos context");
    }
  }
}

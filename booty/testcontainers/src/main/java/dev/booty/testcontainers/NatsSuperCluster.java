package dev.booty.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.booty.core.scenario.Cluster;
import dev.booty.core.scenario.DataCenter;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import dev.booty.core.scenario.WanLink;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.utility.DockerImageName;

/**
 * A NATS super-cluster for an application's tests: each data centre's nats-servers in containers
 * (images made by {@code booty image build}, no registry), the WAN between data centres through
 * Toxiproxy, and booty's chaos modes as methods. Use it as a Testcontainers {@code @Container} or
 * start and stop it yourself; {@link #stop()} removes every container and the network, also after a
 * failed test, and a JVM that exits without stopping it removes them in a shutdown hook.
 *
 * <pre>{@code
 * @Container static NatsSuperCluster nats = NatsSuperCluster.fromScenario(Path.of("local-3dc.yaml"));
 * Connection london = Nats.connect(nats.clientUrl("london"));
 * nats.outage("dallas", Outage.SILENT);
 * nats.heal();
 * }</pre>
 */
public final class NatsSuperCluster implements Startable {
  /** The images {@code booty image build nats-server} and {@code ... toxiproxy} tag last. */
  public static final String DEFAULT_NATS_IMAGE = "localhost/booty/nats-server:latest";

  public static final String DEFAULT_TOXIPROXY_IMAGE = "localhost/booty/toxiproxy:latest";

  private static final Duration READY = Duration.ofSeconds(60);

  private final Topology topology;
  private final boolean jetstream;
  private final String natsImage;
  private final String toxiproxyImage;
  private final Sessions session = new Sessions();
  private final Map<String, GenericContainer<?>> servers = new LinkedHashMap<>();
  private final Map<String, Integer> clientPorts = new LinkedHashMap<>();
  private final ServerFaults faults = new ServerFaults();
  private Network network;
  private Wan wan;
  private Thread shutdownHook;

  private NatsSuperCluster(Builder b) {
    this.topology = new Topology(b.dataCenters, b.rtt);
    this.jetstream = b.jetstream;
    this.natsImage = b.natsImage;
    this.toxiproxyImage = b.toxiproxyImage;
  }

  /**
   * The data centres, servers per data centre, WAN round-trip times, JetStream switch and
   * nats-server version ({@code localhost/booty/nats-server:VERSION}, else {@code :latest}) of a
   * booty scenario file, read by booty's own loader: errors name file:line:column.
   */
  public static NatsSuperCluster fromScenario(Path file) {
    return builderFrom(ScenarioLoader.load(file)).build();
  }

  /** A builder preset from a scenario file, to change images or add data centres. */
  public static Builder builderFrom(Scenario s) {
    // a test that expects TLS or JWT handshakes must not silently get plain connections
    List<String> unsupported = new ArrayList<>();
    if (s.cluster().tls()) {
      unsupported.add("cluster.tls: true");
    }
    if (s.cluster().auth() != Cluster.Auth.NONE) {
      unsupported.add("cluster.auth: " + s.cluster().auth().name().toLowerCase(Locale.ROOT));
    }
    if (!unsupported.isEmpty()) {
      throw new IllegalArgumentException(
          "scenario %s asks for %s: NatsSuperCluster runs plain servers without credentials;"
                  .formatted(s.name(), String.join(" and ", unsupported))
              + " remove it for container tests, or run the scenario with 'booty scenario run'");
    }
    Builder b = builder().jetstream(s.cluster().jetstream());
    for (DataCenter dc : s.datacenters()) {
      b.dataCenter(dc.name(), dc.servers());
    }
    for (WanLink l : s.wan()) {
      b.rtt(l.a(), l.b(), l.rtt());
    }
    if (s.cluster().version() != null) {
      b.natsImage("localhost/booty/nats-server:" + s.cluster().version());
    }
    return b;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public synchronized void start() {
    if (network != null) {
      return;
    }
    DockerClient docker = DockerClientFactory.instance().client();
    Sessions.removeOrphans(docker);
    LocalImages.require(docker, natsImage);
    LocalImages.require(docker, toxiproxyImage);
    shutdownHook = new Thread(this::stopQuietly, "booty-testcontainers-" + session.id());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    try {
      network =
          Network.builder()
              .createNetworkCmdModifier(cmd -> cmd.withLabels(session.labels()))
              .build();
      network.getId(); // creates it
      wan = new Wan(topology);
      Map<String, String> wanAddress = wan.start(toxiproxyImage, network, session);
      for (Topology.Server s : topology.servers()) {
        clientPorts.put(s.name(), freePort());
      }
      for (Topology.Server s : topology.servers()) {
        GenericContainer<?> c = server(s, wanAddress.get(s.dataCenter()));
        servers.put(s.name(), c);
        c.start();
      }
    } catch (RuntimeException e) {
      stopQuietly();
      throw e;
    }
  }

  private GenericContainer<?> server(Topology.Server s, String wanAddress) {
    int hostPort = clientPorts.get(s.name());
    GenericContainer<?> c =
        new GenericContainer<>(DockerImageName.parse(natsImage))
            .withNetwork(network)
            .withNetworkAliases(s.name())
            .withLabels(session.labels())
            .withCopyToContainer(
                Transferable.of(ServerConfig.render(topology, s, jetstream)), "/nats.conf")
            .withCommand("-c", "/nats.conf")
            // a fixed host port: the client URL stays the same when the server is started again
            .withCreateContainerCmdModifier(
                cmd -> {
                  ExposedPort client = ExposedPort.tcp(Topology.CLIENT_PORT);
                  cmd.withExposedPorts(client);
                  cmd.getHostConfig()
                      .withPortBindings(new PortBinding(Ports.Binding.bindPort(hostPort), client));
                  cmd.withName("booty-" + session.id().substring(0, 8) + "-" + s.name());
                })
            .waitingFor(Wait.forLogMessage(".*Server is ready.*", 1).withStartupTimeout(READY));
    // the other data centres' servers are reached through this data centre's end of the WAN
    for (Topology.Server remote : topology.remoteServers(s.dataCenter())) {
      c.withExtraHost(remote.name(), wanAddress);
    }
    return c;
  }

  /** The client URLs of a data centre's servers, {@code nats://HOST:PORT} each. */
  public List<String> clientUrls(String dataCenter) {
    requireStarted();
    return topology.serversOf(dataCenter).stream()
        .map(s -> "nats://" + servers.get(s.name()).getHost() + ":" + clientPorts.get(s.name()))
        .toList();
  }

  /** A data centre's client URLs joined by commas, as NATS clients take a server list. */
  public String clientUrl(String dataCenter) {
    return String.join(",", clientUrls(dataCenter));
  }

  /** Takes every server of a data centre out ({@link Outage}); {@link #heal()} brings them back. */
  public synchronized void outage(String dataCenter, Outage kind) {
    requireStarted();
    for (Topology.Server s : topology.serversOf(dataCenter)) {
      faults.takeOut(DockerClientFactory.instance().client(), containerId(s), kind);
    }
  }

  /** Sets the round-trip time between two data centres (replacing the scenario's until heal). */
  public synchronized void latency(String a, String b, Duration rtt) {
    requireStarted();
    wan.latency(a, b, rtt);
  }

  /** Cuts the WAN link between two data centres, both directions. */
  public synchronized void cut(String a, String b, Outage kind) {
    requireStarted();
    wan.cut(a, b, kind);
  }

  /**
   * Undoes every fault: links as planned (cuts gone, the scenario's latencies), servers running and
   * answering on their client ports again. Returns when every server answers.
   */
  public synchronized void heal() {
    requireStarted();
    wan.heal();
    faults.healAll(DockerClientFactory.instance().client());
    for (Topology.Server s : topology.servers()) {
      awaitAnswer(s.name(), clientPorts.get(s.name()));
    }
  }

  /** Removes every container and the network this cluster started. */
  @Override
  public synchronized void stop() {
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is exiting: the hook is what runs this
      }
      shutdownHook = null;
    }
    stopQuietly();
  }

  private synchronized void stopQuietly() {
    if (network == null && wan == null && servers.isEmpty()) {
      return; // never started, or stopped already
    }
    List<RuntimeException> errors = new ArrayList<>();
    DockerClient docker = DockerClientFactory.instance().client();
    faults.release(docker);
    servers
        .values()
        .forEach(
            c -> {
              try {
                c.stop();
              } catch (RuntimeException e) {
                errors.add(e);
              }
            });
    servers.clear();
    if (wan != null) {
      try {
        wan.close();
      } catch (RuntimeException e) {
        errors.add(e);
      }
      wan = null;
    }
    if (network != null) {
      // whatever a failed stop above left, then the network
      session.removeAll(docker);
      try {
        network.close();
      } catch (RuntimeException e) {
        errors.add(e);
      }
      session.removeAll(docker);
      network = null;
    }
    if (!errors.isEmpty()) {
      System.err.println("booty-testcontainers: while stopping: " + errors);
    }
  }

  Topology topology() {
    return topology;
  }

  String natsImage() {
    return natsImage;
  }

  boolean jetstream() {
    return jetstream;
  }

  /** The session label value on every container and network of this cluster. */
  public String sessionId() {
    return session.id();
  }

  /** How many containers of this cluster exist now (running or not): zero after {@link #stop()}. */
  public int containerCount() {
    return session.containers(DockerClientFactory.instance().client()).size();
  }

  private String containerId(Topology.Server s) {
    return servers.get(s.name()).getContainerId();
  }

  private void requireStarted() {
    if (network == null) {
      throw new IllegalStateException("the super-cluster is not started: call start() first");
    }
  }

  /** Waits until the server's client port sends NATS' INFO line. */
  private static void awaitAnswer(String name, int port) {
    long deadline = System.nanoTime() + READY.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("localhost", port), 1000);
        socket.setSoTimeout(1000);
        InputStream in = socket.getInputStream();
        byte[] head = in.readNBytes(4);
        if ("INFO".equals(new String(head, StandardCharsets.US_ASCII))) {
          return;
        }
        last = "no INFO line";
      } catch (IOException e) {
        last = e.getMessage();
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name, e);
      }
    }
    throw new IllegalStateException(
        "server "
            + name
            + " does not answer on localhost:"
            + port
            + " "
            + READY.toSeconds()
            + " s after heal: "
            + last);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free local port for a client URL: " + e.getMessage(), e);
    }
  }

  /** What a {@link NatsSuperCluster} is made of; data centres in the order added. */
  public static final class Builder {
    private final Map<String, Integer> dataCenters = new LinkedHashMap<>();
    private final Map<String, Duration> rtt = new LinkedHashMap<>();
    private boolean jetstream = true;
    private String natsImage = DEFAULT_NATS_IMAGE;
    private String toxiproxyImage = DEFAULT_TOXIPROXY_IMAGE;

    private Builder() {}

    public Builder dataCenter(String name, int servers) {
      dataCenters.put(name, servers);
      return this;
    }

    /** The round-trip time between two data centres. */
    public Builder rtt(String a, String b, Duration roundTrip) {
      rtt.put(Topology.linkKey(a, b), roundTrip);
      return this;
    }

    public Builder jetstream(boolean on) {
      this.jetstream = on;
      return this;
    }

    /** e.g. {@code localhost/booty/nats-server:2.11.17} ({@code booty image build nats-server}). */
    public Builder natsImage(String image) {
      this.natsImage = image;
      return this;
    }

    /** e.g. {@code localhost/booty/toxiproxy:2.12.0} ({@code booty image build toxiproxy}). */
    public Builder toxiproxyImage(String image) {
      this.toxiproxyImage = image;
      return this;
    }

    public NatsSuperCluster build() {
      return new NatsSuperCluster(this);
    }
  }
}

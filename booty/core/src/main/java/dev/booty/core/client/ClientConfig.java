package dev.booty.core.client;

import dev.booty.core.scenario.ClientGroup.Bootstrap;
import dev.booty.core.scenario.ClientGroup.Profile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one measuring test client does. Build one with {@link #builder()}; the seven-argument
 * constructor runs the core pub/sub round trip with every other setting at its default.
 *
 * @param id the client's name (also its NATS connection name); one subject token: no {@code .},
 *     {@code *}, {@code >} or white space
 * @param dc the data centre it runs in; one subject token, like {@code id}
 * @param servers the seed list, tried in exactly this order (never shuffled) by a careful client
 * @param subject the root of every subject it uses ({@code SUBJECT.pubsub.ID}, ...): tokens
 *     separated by {@code .}, without wildcards or white space
 * @param rate messages per second of each kind; 0: as fast as it can, with at most {@link
 *     TestClient#WINDOW} messages of a kind in flight
 * @param size payload bytes, at least {@link Payload#HEADER}
 * @param duration how long it publishes; null: until stopped
 * @param kinds the workload kinds it runs, some of {@link #KINDS} (in that order)
 * @param pingInterval how often it pings its server
 * @param maxPingsOut unanswered pings after which it drops the connection as stale
 * @param requestTimeout how long a request waits for its reply, and a JetStream publish for its
 *     acknowledgement
 * @param replicas JetStream stream replicas
 * @param placement whether the stream is placed by the server tag {@code dc:DC} (servers without
 *     tags, as in tests, need false)
 * @param respond whether it answers requests of its data centre (false: it only asks)
 * @param connectTimeout how long one connection attempt may take: a server that accepts the
 *     connection and then says nothing (frozen, or behind a black hole) costs this much on the way
 *     to the next one
 * @param group the client group it belongs to (its data centre, or {@code DC-BOOTSTRAP-PROFILE}
 *     when a data centre has several groups); one subject token, like {@code id}
 * @param bootstrap how it found its servers: {@code servers} is the seed list, or (dns) the one URL
 *     of the scenario's DNS name, which it also watches ({@link DnsWatch})
 * @param profile careful: the options above as given; library-default: jnats' own defaults for ping
 *     interval, pings out, connection timeout and reconnect wait, servers shuffled and those the
 *     cluster announces used (see {@link TestClient})
 * @param caFile a PEM file of the CA certificates it trusts: it then speaks TLS to its servers
 *     (whose {@code nats://} URLs stay as they are: the server's INFO asks for TLS, and jnats
 *     upgrades the connection); null: plain TCP
 * @param credsFile a creds file (user JWT and seed) it authenticates with; null: no credentials
 */
public record ClientConfig(
    String id,
    String dc,
    List<String> servers,
    String subject,
    int rate,
    int size,
    Duration duration,
    Set<String> kinds,
    Duration pingInterval,
    int maxPingsOut,
    Duration requestTimeout,
    int replicas,
    boolean placement,
    boolean respond,
    Duration connectTimeout,
    String group,
    Bootstrap bootstrap,
    Profile profile,
    Path caFile,
    Path credsFile) {
  public static final String PUBSUB = "pubsub";
  public static final String REQUEST = "request";
  public static final String QUEUE = "queue";
  public static final String JETSTREAM = "jetstream";

  /** Every workload kind, in the order a client runs them. */
  public static final List<String> KINDS = List.of(PUBSUB, REQUEST, QUEUE, JETSTREAM);

  public ClientConfig {
    token("client id", id);
    token("dc", dc);
    if (servers == null || servers.isEmpty()) {
      throw new IllegalArgumentException("servers: at least one URL expected");
    }
    servers = List.copyOf(servers);
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("subject: missing");
    }
    for (String t : subject.split("\\.", -1)) {
      if (t.isEmpty()) {
        throw new IllegalArgumentException(
            "subject '" + subject + "': an empty token (leading, trailing or double '.')");
      }
      token("subject '" + subject + "', token", t);
    }
    if (rate < 0) {
      throw new IllegalArgumentException(
          "rate " + rate + ": expected at least 1 msg/s, or 0 for as fast as possible");
    }
    if (size < Payload.HEADER) {
      throw new IllegalArgumentException(
          "size " + size + ": expected at least " + Payload.HEADER + " bytes");
    }
    positive("duration", duration, true);
    kinds = ordered(kinds);
    positive("pingInterval", pingInterval, false);
    if (maxPingsOut < 1) {
      throw new IllegalArgumentException("maxPingsOut " + maxPingsOut + ": expected at least 1");
    }
    positive("requestTimeout", requestTimeout, false);
    positive("connectTimeout", connectTimeout, false);
    if (replicas < 1 || replicas > 5) {
      throw new IllegalArgumentException("replicas " + replicas + ": expected 1 to 5");
    }
    group = group == null ? dc : group;
    token("group", group);
    bootstrap = bootstrap == null ? Bootstrap.SEEDS : bootstrap;
    profile = profile == null ? Profile.CAREFUL : profile;
    if (bootstrap == Bootstrap.DNS) {
      dnsHost(servers);
    }
    readable("caFile", caFile);
    readable("credsFile", credsFile);
  }

  /** The host name a dns client resolves: the host of its one server URL. */
  public String dnsName() {
    return bootstrap == Bootstrap.DNS ? dnsHost(servers) : null;
  }

  private static String dnsHost(List<String> servers) {
    if (servers.size() != 1) {
      throw new IllegalArgumentException(
          "servers "
              + servers
              + ": bootstrap dns expects one URL, nats://NAME:PORT (the scenario's DNS name)");
    }
    String host;
    try {
      host = URI.create(servers.getFirst()).getHost();
    } catch (IllegalArgumentException e) {
      host = null;
    }
    if (host == null) {
      throw new IllegalArgumentException(
          "servers " + servers.getFirst() + ": bootstrap dns expects nats://NAME:PORT");
    }
    return host;
  }

  /** The core pub/sub round trip; every other setting at its {@link Builder} default. */
  public ClientConfig(
      String id,
      String dc,
      List<String> servers,
      String subject,
      int rate,
      int size,
      Duration duration) {
    this(
        id,
        dc,
        servers,
        subject,
        rate,
        size,
        duration,
        Set.of(PUBSUB),
        Builder.PING_INTERVAL,
        Builder.MAX_PINGS_OUT,
        Builder.REQUEST_TIMEOUT,
        Builder.REPLICAS,
        true,
        true,
        Builder.CONNECT_TIMEOUT,
        dc,
        Bootstrap.SEEDS,
        Profile.CAREFUL,
        null,
        null);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration, to change some of it. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.dc = dc;
    b.servers = servers;
    b.subject = subject;
    b.rate = rate;
    b.size = size;
    b.duration = duration;
    b.kinds = kinds;
    b.pingInterval = pingInterval;
    b.maxPingsOut = maxPingsOut;
    b.requestTimeout = requestTimeout;
    b.replicas = replicas;
    b.placement = placement;
    b.connectTimeout = connectTimeout;
    b.respond = respond;
    b.group = group;
    b.bootstrap = bootstrap;
    b.profile = profile;
    b.caFile = caFile;
    b.credsFile = credsFile;
    return b;
  }

  /** Runs {@code kind}. */
  public boolean runs(String kind) {
    return kinds.contains(kind);
  }

  /** Builds a {@link ClientConfig}; id, dc and servers have no default. */
  public static final class Builder {
    public static final String SUBJECT = "booty.client";
    public static final int RATE = 100;
    public static final int SIZE = 128;
    public static final Duration PING_INTERVAL = Duration.ofSeconds(2);
    public static final int MAX_PINGS_OUT = 2;
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final int REPLICAS = 3;

    private String id;
    private String dc;
    private List<String> servers;
    private String subject = SUBJECT;
    private int rate = RATE;
    private int size = SIZE;
    private Duration duration;
    private Collection<String> kinds = Set.of(PUBSUB);
    private Duration pingInterval = PING_INTERVAL;
    private int maxPingsOut = MAX_PINGS_OUT;
    private Duration requestTimeout = REQUEST_TIMEOUT;
    private Duration connectTimeout = CONNECT_TIMEOUT;
    private int replicas = REPLICAS;
    private boolean placement = true;
    private boolean respond = true;
    private String group;
    private Bootstrap bootstrap = Bootstrap.SEEDS;
    private Profile profile = Profile.CAREFUL;
    private Path caFile;
    private Path credsFile;

    private Builder() {}

    /** The CA certificates (PEM) it trusts, speaking TLS; null (the default): plain TCP. */
    public Builder caFile(Path caFile) {
      this.caFile = caFile;
      return this;
    }

    /** The creds file it authenticates with; null (the default): none. */
    public Builder credsFile(Path credsFile) {
      this.credsFile = credsFile;
      return this;
    }

    /** Its client group; the data centre when not set. */
    public Builder group(String group) {
      this.group = group;
      return this;
    }

    public Builder bootstrap(Bootstrap bootstrap) {
      this.bootstrap = bootstrap;
      return this;
    }

    public Builder profile(Profile profile) {
      this.profile = profile;
      return this;
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder dc(String dc) {
      this.dc = dc;
      return this;
    }

    public Builder servers(List<String> servers) {
      this.servers = servers;
      return this;
    }

    public Builder servers(String... servers) {
      return servers(List.of(servers));
    }

    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    /** Messages per second of each kind; 0 for as fast as possible. */
    public Builder rate(int rate) {
      this.rate = rate;
      return this;
    }

    public Builder size(int size) {
      this.size = size;
      return this;
    }

    /** How long {@link TestClient#run()} publishes; null (the default) until stopped. */
    public Builder duration(Duration duration) {
      this.duration = duration;
      return this;
    }

    public Builder kinds(Collection<String> kinds) {
      this.kinds = kinds;
      return this;
    }

    public Builder kinds(String... kinds) {
      return kinds(List.of(kinds));
    }

    public Builder pingInterval(Duration pingInterval) {
      this.pingInterval = pingInterval;
      return this;
    }

    public Builder maxPingsOut(int maxPingsOut) {
      this.maxPingsOut = maxPingsOut;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    public Builder replicas(int replicas) {
      this.replicas = replicas;
      return this;
    }

    /** Whether the JetStream stream is placed by the server tag {@code dc:DC} (default true). */
    public Builder placement(boolean placement) {
      this.placement = placement;
      return this;
    }

    /** Whether it answers requests of its data centre (default true). */
    public Builder respond(boolean respond) {
      this.respond = respond;
      return this;
    }

    /** The configuration; IllegalArgumentException names the first setting that is wrong. */
    public ClientConfig build() {
      return new ClientConfig(
          id,
          dc,
          servers,
          subject,
          rate,
          size,
          duration,
          kinds == null ? null : new LinkedHashSet<>(kinds),
          pingInterval,
          maxPingsOut,
          requestTimeout,
          replicas,
          placement,
          respond,
          connectTimeout,
          group,
          bootstrap,
          profile,
          caFile,
          credsFile);
    }
  }

  private static void token(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + ": missing");
    }
    for (char c : value.toCharArray()) {
      if (c == '.' || c == '*' || c == '>' || Character.isWhitespace(c)) {
        throw new IllegalArgumentException(
            what
                + " '"
                + value
                + "': it goes into subjects as one token, so '"
                + c
                + "' is not allowed (nor '.', '*', '>', white space)");
      }
    }
  }

  private static void readable(String what, Path file) {
    if (file != null && !(Files.isRegularFile(file) && Files.isReadable(file))) {
      throw new IllegalArgumentException(what + " " + file + ": no such readable file");
    }
  }

  private static void positive(String what, Duration d, boolean nullable) {
    if (d == null && nullable) {
      return;
    }
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " " + d + ": expected more than 0");
    }
  }

  private static Set<String> ordered(Set<String> kinds) {
    if (kinds == null || kinds.isEmpty()) {
      throw new IllegalArgumentException("kinds: at least one of " + String.join(", ", KINDS));
    }
    for (String k : kinds) {
      if (!KINDS.contains(k)) {
        throw new IllegalArgumentException(
            "kinds: unknown kind '" + k + "'; expected some of " + String.join(", ", KINDS));
      }
    }
    List<String> in = new ArrayList<>(KINDS);
    in.retainAll(kinds);
    return Collections.unmodifiableSet(new LinkedHashSet<>(in));
  }
}

package dev.booty.core.scenario;

import dev.booty.api.Durations;
import dev.booty.core.BootyException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a scenario file (see {@code scenarios/README.md}) into a {@link Scenario}. Any problem is
 * one {@link BootyException#usage} message of the form {@code file:line:column: key.path: what is
 * wrong (what was expected)}; the first problem in the file's order wins.
 */
public final class ScenarioLoader {
  /** The keys each part of the file knows, by part ({@code ""} is the top level). */
  static final Map<String, List<String>> KEYS = keys();

  private static final Pattern DC_NAME = Pattern.compile("[a-z][a-z0-9]{0,15}");
  private static final Pattern NATS_VERSION =
      Pattern.compile("[0-9]+\\.[0-9]+\\.([0-9]+|x)(-[0-9A-Za-z.]+)?");
  private static final Pattern SUBJECT = Pattern.compile("[^\\s.*>]+(\\.[^\\s.*>]+)*");

  private final YamlSource src;
  private final Path file;
  private final Map<String, Node> dcNodes = new LinkedHashMap<>();

  private ScenarioLoader(Path file) {
    this.file = file;
    this.src = new YamlSource(file.toString());
  }

  /** Reads and validates a scenario file. */
  public static Scenario load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw BootyException.usage("no scenario file " + file);
    } catch (IOException e) {
      throw BootyException.usage("cannot read scenario file " + file + ": " + e.getMessage());
    }
    return parse(text, file);
  }

  /** Reads scenario text as if it came from {@code file}. */
  public static Scenario parse(String yaml, Path file) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String where = m == null ? "" : ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
      String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
      throw BootyException.usage(file + where + ": not valid YAML: " + e.getProblem() + context);
    } catch (YAMLException e) {
      throw BootyException.usage(file + ": not valid YAML: " + e.getMessage());
    }
    if (root == null) {
      throw BootyException.usage(
          file + ": empty; a scenario starts with 'version: " + Scenario.VERSION + "'");
    }
    return new ScenarioLoader(file).read(root);
  }

  private Scenario read(Node root) {
    YamlMapping top = src.mapping(root, "");
    Node versionNode = top.value("version");
    if (versionNode == null) {
      throw src.error(
          root,
          "missing key 'version' at the top level (this booty reads scenario version "
              + Scenario.VERSION
              + ")");
    }
    int version = src.integer(versionNode, "version");
    if (version != Scenario.VERSION) {
      throw src.error(
          versionNode,
          "version " + version + "; this booty reads scenario version " + Scenario.VERSION);
    }
    top.known(KEYS.get(""));
    Node nameNode = top.require("name");
    String name = src.text(nameNode, "name");
    if (!Scenario.validName(name)) {
      throw src.error(
          nameNode, "name: '" + name + "' is not a scenario name (" + Scenario.NAME_RULE + ")");
    }
    String description = top.string("description");
    Plugins plugins = plugins(top);
    List<DcDraft> drafts = datacenters(top);
    List<WanLink> wan = wan(top);
    YamlMapping clusterMap = top.mapping("cluster");
    Cluster cluster = clusterMap == null ? Cluster.defaults() : cluster(clusterMap);
    List<DataCenter> dcs = new ArrayList<>();
    for (DcDraft d : drafts) {
      dcs.add(
          new DataCenter(
              d.name, d.servers == null ? cluster.serversPerDatacenter() : d.servers, d.options));
    }
    checkReplicas(cluster, clusterMap, drafts, dcs);
    Dns dns = dns(top, name, plugins);
    List<ClientGroup> clients = clients(top, dns, cluster);
    return new Scenario(
        file,
        version,
        name,
        description == null ? "" : description,
        plugins,
        dcs,
        wan,
        cluster,
        dns,
        clients,
        workload(top),
        steps(top),
        expectations(top, clients));
  }

  private Plugins plugins(YamlMapping top) {
    YamlMapping m = src.mapping(top.require("plugins"), "plugins");
    m.known(KEYS.get("plugins"));
    Map<String, Position> positions = new HashMap<>();
    for (String kind : m.keys()) {
      if (m.value(kind) != null) {
        positions.put(kind, YamlSource.position(m.value(kind)));
      }
    }
    String dns = m.string(Plugins.DNS);
    return new Plugins(
        m.requiredString(Plugins.HOSTING),
        m.requiredString(Plugins.CLUSTER),
        dns == null || dns.equals("none") ? null : dns,
        positions);
  }

  /** A data centre as written: servers may still take the cluster's default. */
  private record DcDraft(
      String name, Integer servers, Map<String, String> options, YamlMapping node) {}

  private List<DcDraft> datacenters(YamlMapping top) {
    Node list = top.require("datacenters");
    List<Node> items = src.sequence(list, "datacenters");
    if (items.isEmpty()) {
      throw src.error(list, "datacenters: at least one data centre is needed (- name: london)");
    }
    List<DcDraft> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      YamlMapping m = src.mapping(items.get(i), "datacenters[" + i + "]");
      m.known(KEYS.get("datacenters"));
      Node nameNode = m.require("name");
      String name = src.text(nameNode, m.at("name"));
      if (!DC_NAME.matcher(name).matches()) {
        throw src.error(
            nameNode,
            m.at("name")
                + ": '"
                + name
                + "' is not a data centre name (lower-case letters and digits, starting with a"
                + " letter, at most 16 characters)");
      }
      Node first = dcNodes.putIfAbsent(name, nameNode);
      if (first != null) {
        throw src.error(
            nameNode,
            m.at("name")
                + ": data centre '"
                + name
                + "' is listed twice (first at line "
                + YamlSource.position(first).line()
                + ")");
      }
      out.add(new DcDraft(name, m.integer("servers", 1, Cluster.MAX_SERVERS), options(m), m));
    }
    return out;
  }

  /** The keys of one entry of a data centre's {@code hosts} list. */
  static final List<String> HOST_KEYS =
      List.of("address", "port", "user", "key", "knownHost", "acceptNewHostKey");

  /**
   * A data centre's hosting options: its {@code options}, plus its {@code hosts} list spelled as
   * the flat options hosting plugins read ({@code host.1.address}, {@code host.1.key}, ...).
   */
  private Map<String, String> options(YamlMapping dc) {
    Map<String, String> options = new LinkedHashMap<>(dc.stringMap("options"));
    List<Node> hosts = dc.list("hosts");
    if (hosts.isEmpty()) {
      return options;
    }
    for (String key : options.keySet()) {
      if (key.startsWith("host.")) {
        throw src.error(
            dc.value("hosts"),
            dc.at("hosts")
                + ": the hosts are listed here and in options ("
                + key
                + "); list them in one place");
      }
    }
    for (int i = 0; i < hosts.size(); i++) {
      YamlMapping h = src.mapping(hosts.get(i), dc.at("hosts") + "[" + i + "]");
      h.known(HOST_KEYS);
      h.requiredString("address");
      for (String key : h.keys()) {
        options.put("host." + (i + 1) + "." + key, src.text(h.value(key), h.at(key)));
      }
    }
    return java.util.Collections.unmodifiableMap(options);
  }

  private List<WanLink> wan(YamlMapping top) {
    List<Node> items = top.list("wan");
    List<WanLink> out = new ArrayList<>();
    Map<String, Node> pairs = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      YamlMapping m = src.mapping(items.get(i), "wan[" + i + "]");
      m.known(KEYS.get("wan"));
      String at = m.at("between");
      Node between = m.require("between");
      List<Node> ends = src.sequence(between, at);
      if (ends.size() != 2) {
        throw src.error(
            between,
            at + ": expected two data centres like [london, amsterdam], got " + ends.size());
      }
      String a = declaredDc(ends.get(0), at);
      String b = declaredDc(ends.get(1), at);
      if (a.equals(b)) {
        throw src.error(between, at + ": pairs data centre '" + a + "' with itself");
      }
      String key = a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a;
      Node first = pairs.putIfAbsent(key, between);
      if (first != null) {
        throw src.error(
            between,
            at
                + ": the pair "
                + a
                + "-"
                + b
                + " is listed twice (first at line "
                + YamlSource.position(first).line()
                + ")");
      }
      out.add(new WanLink(a, b, src.duration(m.require("rtt"), m.at("rtt"))));
    }
    return out;
  }

  private String declaredDc(Node node, String path) {
    String name = src.text(node, path);
    if (!dcNodes.containsKey(name)) {
      throw src.error(
          node,
          path
              + ": unknown data centre '"
              + name
              + "' (declared: "
              + String.join(", ", dcNodes.keySet())
              + ")");
    }
    return name;
  }

  private Cluster cluster(YamlMapping m) {
    m.known(KEYS.get("cluster"));
    String version = m.string("version");
    if (version != null && !NATS_VERSION.matcher(version).matches()) {
      throw src.error(
          m.value("version"),
          "cluster.version: expected a nats-server version like 2.10.27 or a line like 2.11.x,"
              + " got '"
              + version
              + "'");
    }
    String driver = m.string("driver");
    if (driver != null && !Cluster.DRIVERS.contains(driver)) {
      throw src.error(
          m.value("driver"),
          "cluster.driver: unknown driver '"
              + driver
              + "' (one of: "
              + String.join(", ", Cluster.DRIVERS)
              + ")");
    }
    Integer servers = m.integer("serversPerDatacenter", 1, Cluster.MAX_SERVERS);
    Integer replicas = m.integer("replicas", 1, Cluster.MAX_REPLICAS);
    Duration lameDuck = m.duration("lameDuckDuration");
    if (lameDuck != null && lameDuck.compareTo(Cluster.MIN_LAME_DUCK) < 0) {
      // nats-server itself refuses to start with less
      throw src.error(
          m.value("lameDuckDuration"),
          "cluster.lameDuckDuration: "
              + Durations.format(lameDuck)
              + " is below nats-server's minimum of "
              + Durations.format(Cluster.MIN_LAME_DUCK));
    }
    return new Cluster(
        version,
        driver == null ? Cluster.DEFAULT_DRIVER : driver,
        servers == null ? Cluster.DEFAULT_SERVERS : servers,
        m.bool("jetstream", true),
        replicas == null ? Cluster.DEFAULT_REPLICAS : replicas,
        m.bool("websocket", false),
        lameDuck == null ? Cluster.DEFAULT_LAME_DUCK : lameDuck,
        m.bool("tls", false),
        choice(m, "auth", Cluster.Auth.values(), Cluster.Auth::id),
        m.stringMap("options"));
  }

  /** JetStream places every replica in one data centre: each needs that many servers. */
  private void checkReplicas(
      Cluster cluster, YamlMapping clusterMap, List<DcDraft> drafts, List<DataCenter> dcs) {
    if (!cluster.jetstream()) {
      return;
    }
    for (int i = 0; i < dcs.size(); i++) {
      DataCenter dc = dcs.get(i);
      if (dc.servers() >= cluster.replicas()) {
        continue;
      }
      DcDraft d = drafts.get(i);
      Node replicas = clusterMap == null ? null : clusterMap.value("replicas");
      Node servers = d.node.value("servers");
      Node perDc = clusterMap == null ? null : clusterMap.value("serversPerDatacenter");
      String key;
      Node at;
      if (replicas != null) {
        key = "cluster.replicas";
        at = replicas;
      } else if (servers != null) {
        key = d.node.at("servers");
        at = servers;
      } else {
        key = "cluster.serversPerDatacenter";
        at = perDc != null ? perDc : d.node.node();
      }
      throw src.error(
          at,
          key
              + ": JetStream with "
              + cluster.replicas()
              + " replicas needs at least "
              + cluster.replicas()
              + " servers in every data centre, but '"
              + dc.name()
              + "' has "
              + dc.servers()
              + " (datacenters["
              + i
              + "], line "
              + YamlSource.position(d.node.node()).line()
              + ")");
    }
  }

  /** One of {@code values} by its id, null when the key is absent. */
  private <E> E choice(
      YamlMapping m, String key, E[] values, java.util.function.Function<E, String> id) {
    String v = m.string(key);
    if (v == null) {
      return null;
    }
    List<String> ids = new ArrayList<>();
    for (E e : values) {
      if (id.apply(e).equals(v)) {
        return e;
      }
      ids.add(id.apply(e));
    }
    throw src.error(
        m.value(key),
        m.at(key) + ": unknown value '" + v + "' (one of: " + String.join(", ", ids) + ")");
  }

  /** The {@code dns:} section: null when the scenario has no DNS plugin. */
  private Dns dns(YamlMapping top, String scenario, Plugins plugins) {
    YamlMapping m = top.mapping("dns");
    if (plugins.dns() == null) {
      if (m != null) {
        throw src.error(
            top.keyNode("dns"),
            "dns: the scenario has no DNS plugin (plugins.dns is none); name one (powerdns,"
                + " cloudflare, google-dns) or drop this section");
      }
      return null;
    }
    Dns d = Dns.defaults(scenario);
    if (m == null) {
      return d;
    }
    m.known(KEYS.get("dns"));
    String zone = m.string("zone");
    if (zone != null && Dns.invalidName(zone) != null) {
      throw src.error(
          m.value("zone"), "dns.zone: '" + zone + "' is not a DNS name: " + Dns.invalidName(zone));
    }
    String name = m.string("name");
    if (name != null && (name.contains(".") || Dns.invalidName(name) != null)) {
      throw src.error(
          m.value("name"),
          "dns.name: '" + name + "' is not one DNS label (like nats): " + Dns.invalidName(name));
    }
    return new Dns(
        zone == null ? d.zone() : zone,
        name == null ? d.name() : name,
        wholeSeconds(m, "ttl", d.ttl()),
        wholeSeconds(m, "checkInterval", d.checkInterval()),
        m.stringMap("options"));
  }

  /** A positive duration in whole seconds (DNS counts TTLs in seconds). */
  private Duration wholeSeconds(YamlMapping m, String key, Duration otherwise) {
    Duration d = m.duration(key);
    if (d == null) {
      return otherwise;
    }
    if (d.isNegative() || d.isZero() || d.toMillis() % 1000 != 0) {
      throw src.error(
          m.value(key),
          m.at(key)
              + ": "
              + Durations.format(d)
              + " is not a positive whole number of seconds (like 30s)");
    }
    return d;
  }

  private List<ClientGroup> clients(YamlMapping top, Dns dns, Cluster cluster) {
    List<Node> items = top.list("clients");
    List<ClientGroup> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      YamlMapping m = src.mapping(items.get(i), "clients[" + i + "]");
      m.known(KEYS.get("clients"));
      String dc = declaredDc(m.require("datacenter"), m.at("datacenter"));
      Integer count = m.integer("count", 1, Integer.MAX_VALUE);
      List<String> connect = new ArrayList<>();
      List<Node> prefs = m.list("connect");
      for (int j = 0; j < prefs.size(); j++) {
        String path = m.at("connect") + "[" + j + "]";
        String name = declaredDc(prefs.get(j), path);
        if (connect.contains(name)) {
          throw src.error(prefs.get(j), path + ": data centre '" + name + "' is listed twice");
        }
        connect.add(name);
      }
      int n = count == null ? 1 : count;
      Integer perTask = m.integer("perTask", 1, 1000);
      int per = perTask == null ? Math.min(n, ClientGroup.DEFAULT_PER_TASK) : perTask;
      if (n % per != 0) {
        throw src.error(
            m.keyNode(count == null ? "perTask" : "count"),
            m.at("count")
                + ": "
                + n
                + " clients do not split into processes of "
                + per
                + " (perTask); give a multiple of "
                + per);
      }
      ClientGroup.Bootstrap bootstrap =
          choice(m, "bootstrap", ClientGroup.Bootstrap.values(), ClientGroup.Bootstrap::id);
      if (bootstrap == ClientGroup.Bootstrap.DNS && dns == null) {
        throw src.error(
            m.value("bootstrap"),
            m.at("bootstrap")
                + ": dns needs a DNS plugin (plugins.dns: powerdns, cloudflare or google-dns)");
      }
      ClientGroup.Profile profile =
          choice(m, "profile", ClientGroup.Profile.values(), ClientGroup.Profile::id);
      ClientGroup.Kind kind = choice(m, "kind", ClientGroup.Kind.values(), ClientGroup.Kind::id);
      if (kind == ClientGroup.Kind.BROWSER && per > ClientGroup.MAX_PER_BROWSER) {
        throw src.error(
            m.keyNode(perTask == null ? "count" : "perTask"),
            m.at(perTask == null ? "count" : "perTask")
                + ": "
                + per
                + " clients in one browser: Chromium opens at most 255 WebSockets (one is the"
                + " page's report channel), so perTask is at most "
                + ClientGroup.MAX_PER_BROWSER
                + " for kind browser");
      }
      if (kind == ClientGroup.Kind.BROWSER && !cluster.websocket()) {
        throw src.error(
            m.value("kind"),
            m.at("kind")
                + ": browser clients connect over WebSocket, but the servers have no websocket"
                + " listener: set cluster.websocket: true");
      }
      if (kind == ClientGroup.Kind.BROWSER && cluster.tls()) {
        throw src.error(
            m.value("kind"),
            m.at("kind")
                + ": browser clients cannot reach a cluster with cluster.tls: true (their pages"
                + " would need wss:// with booty's CA trusted by Chromium, which booty does not set"
                + " up); use kind jvm, or drop cluster.tls");
      }
      if (kind == ClientGroup.Kind.BROWSER && cluster.auth() != Cluster.Auth.NONE) {
        throw src.error(
            m.value("kind"),
            m.at("kind")
                + ": browser clients cannot reach a cluster with cluster.auth: "
                + cluster.auth().id()
                + " (their pages carry no creds for it); use kind jvm, or drop cluster.auth");
      }
      ClientGroup g =
          new ClientGroup(
              dc,
              n,
              connect,
              per,
              bootstrap == null ? ClientGroup.Bootstrap.SEEDS : bootstrap,
              profile == null ? ClientGroup.Profile.CAREFUL : profile,
              kind);
      for (int j = 0; j < out.size(); j++) {
        ClientGroup o = out.get(j);
        if (o.datacenter().equals(dc)
            && o.bootstrap() == g.bootstrap()
            && o.profile() == g.profile()
            && o.kind() == g.kind()) {
          throw src.error(
              items.get(i),
              "clients["
                  + i
                  + "]: data centre '"
                  + dc
                  + "' has a "
                  + g.kind().id()
                  + " group with bootstrap "
                  + g.bootstrap().id()
                  + " and profile "
                  + g.profile().id()
                  + " already (clients["
                  + j
                  + "]); give this one another kind, bootstrap or profile, or add up their"
                  + " counts");
        }
      }
      out.add(g);
    }
    return out;
  }

  private Workload workload(YamlMapping top) {
    YamlMapping m = top.mapping("workload");
    if (m == null) {
      return null;
    }
    m.known(KEYS.get("workload"));
    Node subjectNode = m.require("subject");
    String subject = src.text(subjectNode, "workload.subject");
    if (!SUBJECT.matcher(subject).matches()) {
      throw src.error(
          subjectNode,
          "workload.subject: '"
              + subject
              + "' is not a subject to publish to (dot-separated tokens, no spaces or wildcards)");
    }
    Node rateNode = m.require("rate");
    double rate = src.number(rateNode, "workload.rate");
    if (!(rate > 0)) {
      throw src.error(rateNode, "workload.rate: messages per second must be more than 0");
    }
    int size = src.integer(m.require("size"), "workload.size", 1, Integer.MAX_VALUE);
    boolean jetstream = m.bool("jetstream", false);
    List<String> kinds = new ArrayList<>();
    List<Node> kindNodes = m.list("kinds");
    for (int j = 0; j < kindNodes.size(); j++) {
      String path = m.at("kinds") + "[" + j + "]";
      String kind = src.text(kindNodes.get(j), path);
      if (!Workload.KINDS.contains(kind)) {
        throw src.error(
            kindNodes.get(j),
            path
                + ": no workload kind '"
                + kind
                + "' (known: "
                + String.join(", ", Workload.KINDS)
                + ")");
      }
      if (!kinds.contains(kind)) {
        kinds.add(kind);
      }
    }
    if (kinds.isEmpty()) {
      kinds.add("pubsub");
    }
    if (jetstream && !kinds.contains("jetstream")) {
      kinds.add("jetstream");
    }
    Duration ping = m.duration("pingInterval");
    Integer pingsOut = m.integer("maxPingsOut", 1, 100);
    Duration connect = m.duration("connectTimeout");
    Duration warmup = m.duration("warmup");
    Duration settle = m.duration("settle");
    return new Workload(
        subject,
        rate,
        size,
        kinds.contains("jetstream"),
        kinds,
        ping == null ? Workload.DEFAULT_PING_INTERVAL : ping,
        pingsOut == null ? Workload.DEFAULT_MAX_PINGS_OUT : pingsOut,
        connect == null ? Workload.DEFAULT_CONNECT_TIMEOUT : connect,
        warmup == null ? Workload.DEFAULT_WARMUP : warmup,
        settle == null ? Workload.DEFAULT_SETTLE : settle);
  }

  private List<Step> steps(YamlMapping top) {
    List<Node> items = top.list("steps");
    List<Step> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      YamlMapping m = src.mapping(items.get(i), "steps[" + i + "]");
      m.known(KEYS.get("steps"));
      Duration at = src.duration(m.require("at"), m.at("at"));
      String action = m.requiredString("action");
      Node target = m.value("target");
      Map<String, Position> positions = new HashMap<>();
      positions.put(Step.ACTION, YamlSource.position(m.value("action")));
      if (target != null) {
        positions.put(Step.TARGET, YamlSource.position(target));
      }
      out.add(
          new Step(
              at,
              action,
              target == null ? List.of() : src.texts(target, m.at("target")),
              m.duration("duration"),
              m.stringMap("options"),
              positions));
    }
    return out;
  }

  private List<Expectation> expectations(YamlMapping top, List<ClientGroup> clients) {
    List<Node> items = top.list("expect");
    List<Expectation> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      YamlMapping m = src.mapping(items.get(i), "expect[" + i + "]");
      m.known(KEYS.get("expect"));
      String metric = m.requiredString("metric");
      Expectation.Comparison found = null;
      for (Expectation.Comparison c : Expectation.Comparison.values()) {
        if (m.keyNode(c.key()) == null) {
          continue;
        }
        if (found != null) {
          throw src.error(
              m.keyNode(c.key()),
              m.at(c.key())
                  + ": '"
                  + found.key()
                  + "' is given already; give exactly one of below, above, equals");
        }
        found = c;
      }
      if (found == null) {
        throw src.error(
            m.node(), "expect[" + i + "]: needs one of below, above, equals (e.g. below: 5s)");
      }
      ClientGroup.Kind kind = choice(m, "kind", ClientGroup.Kind.values(), ClientGroup.Kind::id);
      if (kind != null && clients.stream().noneMatch(g -> g.kind() == kind)) {
        throw src.error(
            m.value("kind"),
            m.at("kind")
                + ": no client group has kind "
                + kind.id()
                + ", so no figure would be measured (set clients[].kind: "
                + kind.id()
                + " on a group, or drop this kind)");
      }
      out.add(
          new Expectation(
              metric,
              found,
              src.text(m.require(found.key()), m.at(found.key())),
              kind == null ? null : kind.id()));
    }
    return out;
  }

  private static Map<String, List<String>> keys() {
    Map<String, List<String>> k = new LinkedHashMap<>();
    k.put(
        "",
        List.of(
            "version",
            "name",
            "description",
            "plugins",
            "datacenters",
            "wan",
            "cluster",
            "dns",
            "clients",
            "workload",
            "steps",
            "expect"));
    k.put("plugins", List.of(Plugins.HOSTING, Plugins.CLUSTER, Plugins.DNS));
    k.put("datacenters", List.of("name", "servers", "hosts", "options"));
    k.put("wan", List.of("between", "rtt"));
    k.put(
        "cluster",
        List.of(
            "version",
            "driver",
            "serversPerDatacenter",
            "jetstream",
            "replicas",
            "websocket",
            "lameDuckDuration",
            "tls",
            "auth",
            "options"));
    k.put("dns", List.of("zone", "name", "ttl", "checkInterval", "options"));
    k.put(
        "clients",
        List.of("datacenter", "count", "connect", "perTask", "bootstrap", "profile", "kind"));
    k.put(
        "workload",
        List.of(
            "subject",
            "rate",
            "size",
            "jetstream",
            "kinds",
            "pingInterval",
            "maxPingsOut",
            "connectTimeout",
            "warmup",
            "settle"));
    k.put("steps", List.of("at", "action", "target", "duration", "options"));
    k.put("expect", List.of("metric", "kind", "below", "above", "equals"));
    return java.util.Collections.unmodifiableMap(k);
  }
}

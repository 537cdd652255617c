package dev.booty.core.scenario;

import dev.booty.api.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A scenario for people (a few lines) and for scripts (plain maps, durations as {@code 8ms}). */
public final class ScenarioSummary {
  private ScenarioSummary() {}

  /** A short description: data centres, WAN, cluster, and how many clients, steps, expectations. */
  public static List<String> text(Scenario s) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "scenario     " + s.name() + (s.description().isEmpty() ? "" : ": " + s.description()));
    Plugins p = s.plugins();
    lines.add(
        "plugins      hosting "
            + p.hosting()
            + ", cluster "
            + p.cluster()
            + ", dns "
            + (p.dns() == null ? "none" : p.dns()));
    lines.add(
        "datacenters  "
            + String.join(
                ", ",
                s.datacenters().stream()
                    .map(d -> d.name() + " (" + d.servers() + " servers)")
                    .toList()));
    lines.add(
        "wan          "
            + (s.wan().isEmpty()
                ? "no added latency"
                : String.join(
                    ", ",
                    s.wan().stream()
                        .map(l -> l.a() + "-" + l.b() + " " + Durations.format(l.rtt()))
                        .toList())));
    Cluster c = s.cluster();
    lines.add(
        "cluster      nats-server "
            + (c.version() == null ? "(active installed)" : c.version())
            + " on "
            + c.driver()
            + ", "
            + (c.jetstream() ? "JetStream R" + c.replicas() : "no JetStream")
            + ", websocket "
            + (c.websocket() ? "on" : "off")
            + ", lame duck "
            + Durations.format(c.lameDuckDuration())
            + (c.tls() ? ", TLS" : "")
            + (c.auth() == Cluster.Auth.NONE ? "" : ", auth " + c.auth().id()));
    int clients = s.clients().stream().mapToInt(ClientGroup::count).sum();
    lines.add(
        "clients      "
            + clients
            + " in "
            + s.clients().size()
            + " group(s)"
            + browsers(s)
            + (s.workload() == null
                ? ", no workload"
                : ", "
                    + number(s.workload().rate())
                    + " msg/s each of "
                    + s.workload().size()
                    + " B on "
                    + s.workload().subject()
                    + " ("
                    + String.join(", ", s.workload().kinds())
                    + ")"));
    lines.add(
        "steps        "
            + (s.steps().isEmpty()
                ? "none"
                : String.join(
                    ", ",
                    s.steps().stream()
                        .map(
                            st ->
                                st.action()
                                    + (st.targets().isEmpty()
                                        ? ""
                                        : " " + String.join(",", st.targets()))
                                    + " at "
                                    + Durations.format(st.at()))
                        .toList())));
    lines.add("expect       " + s.expect().size());
    return lines;
  }

  /** The whole scenario, defaults applied, as maps and lists Jackson writes as they are. */
  public static Map<String, Object> json(Scenario s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", s.file().toString());
    m.put("version", s.version());
    m.put("name", s.name());
    m.put("description", s.description());
    Map<String, Object> plugins = new LinkedHashMap<>();
    plugins.put("hosting", s.plugins().hosting());
    plugins.put("cluster", s.plugins().cluster());
    plugins.put("dns", s.plugins().dns());
    m.put("plugins", plugins);
    m.put(
        "datacenters",
        s.datacenters().stream()
            .map(d -> map("name", d.name(), "servers", d.servers(), "options", d.options()))
            .toList());
    m.put(
        "wan",
        s.wan().stream()
            .map(l -> map("between", List.of(l.a(), l.b()), "rtt", Durations.format(l.rtt())))
            .toList());
    Cluster c = s.cluster();
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("version", c.version());
    cluster.put("driver", c.driver());
    cluster.put("serversPerDatacenter", c.serversPerDatacenter());
    cluster.put("jetstream", c.jetstream());
    cluster.put("replicas", c.replicas());
    cluster.put("websocket", c.websocket());
    cluster.put("lameDuckDuration", Durations.format(c.lameDuckDuration()));
    cluster.put("tls", c.tls());
    cluster.put("auth", c.auth().id());
    cluster.put("options", c.options());
    m.put("cluster", cluster);
    m.put(
        "clients",
        s.clients().stream()
            .map(
                g ->
                    map(
                        "datacenter",
                        g.datacenter(),
                        "count",
                        g.count(),
                        "connect",
                        g.connect(),
                        "perTask",
                        g.perTask(),
                        "bootstrap",
                        g.bootstrap().id(),
                        "profile",
                        g.profile().id(),
                        "kind",
                        g.kind().id()))
            .toList());
    Workload w = s.workload();
    m.put(
        "workload",
        w == null
            ? null
            : map(
                "subject",
                w.subject(),
                "rate",
                w.rate(),
                "size",
                w.size(),
                "jetstream",
                w.jetstream(),
                "kinds",
                w.kinds(),
                "pingInterval",
                Durations.format(w.pingInterval()),
                "maxPingsOut",
                w.maxPingsOut(),
                "connectTimeout",
                Durations.format(w.connectTimeout()),
                "warmup",
                Durations.format(w.warmup()),
                "settle",
                Durations.format(w.settle())));
    m.put(
        "steps",
        s.steps().stream()
            .map(
                st ->
                    map(
                        "at",
                        Durations.format(st.at()),
                        "action",
                        st.action(),
                        "targets",
                        st.targets(),
                        "duration",
                        format(st.duration()),
                        "options",
                        st.options()))
            .toList());
    m.put("expect", s.expect().stream().map(ScenarioSummary::expectation).toList());
    return m;
  }

  /** An expectation as the file writes it; {@code kind} only when it judges one kind. */
  private static Map<String, Object> expectation(Expectation e) {
    Map<String, Object> m = map("metric", e.metric());
    if (e.kind() != null) {
      m.put("kind", e.kind());
    }
    m.put(e.comparison().key(), e.value());
    return m;
  }

  private static String format(Duration d) {
    return d == null ? null : Durations.format(d);
  }

  private static String number(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** {@code " (10 in browsers)"} when some groups are browsers. */
  private static String browsers(Scenario s) {
    int n =
        s.clients().stream()
            .filter(g -> g.kind() == ClientGroup.Kind.BROWSER)
            .mapToInt(ClientGroup::count)
            .sum();
    return n == 0 ? "" : " (" + n + " in browsers)";
  }
}

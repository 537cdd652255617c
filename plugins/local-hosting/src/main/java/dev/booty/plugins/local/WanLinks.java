package dev.booty.plugins.local;

import dev.booty.api.ChaosContext;
import dev.booty.api.NomadJob;
import dev.booty.api.PluginContext;
import dev.booty.api.WanEmulation.Endpoint;
import dev.booty.api.WanEmulation.Link;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulated WAN: one Toxiproxy per scenario (jobs/local-wan.nomad.hcl) holding a proxy for every
 * path from a data centre to another data centre's endpoint port, with half the pair's round-trip
 * time of latency each way.
 */
final class WanLinks {
  static final String TEMPLATE = "/jobs/local-wan.nomad.hcl";
  static final int API_PORT = 8474;
  private static final Pattern NAME = Pattern.compile("\"name\":\"([^\"]+)\",\"listen\"");

  /** One proxy: a data centre's way to one port of one remote endpoint. */
  record Proxy(
      String name, String from, String to, String listen, String upstream, Duration latency) {}

  static final String PROXIES_BY_PATH = "paths.tsv";

  private final PluginContext ctx;
  private final Addressing addressing;

  WanLinks(PluginContext ctx, Addressing addressing) {
    this.ctx = ctx;
    this.addressing = addressing;
  }

  static String jobId(PluginContext ctx) {
    return ctx.scenario() + "-wan";
  }

  String api() {
    return "http://" + addressing.wan() + ":" + API_PORT;
  }

  /**
   * The proxies for these endpoints, and each data centre's view (host name to address).
   *
   * @param dataCentres data centre name to its index
   */
  static Plan plan(
      Addressing addressing,
      Map<String, Integer> dataCentres,
      List<Endpoint> endpoints,
      List<Link> links) {
    List<Endpoint> sorted = new ArrayList<>(endpoints);
    sorted.sort(Comparator.comparing(Endpoint::hostName));
    List<Proxy> proxies = new ArrayList<>();
    Map<String, Map<String, String>> views = new LinkedHashMap<>();
    dataCentres.keySet().forEach(dc -> views.put(dc, new LinkedHashMap<>()));
    for (int ordinal = 0; ordinal < sorted.size(); ordinal++) {
      Endpoint e = sorted.get(ordinal);
      if (!dataCentres.containsKey(e.dataCenter())) {
        throw new IllegalArgumentException(
            "endpoint " + e.hostName() + " is in unknown data centre " + e.dataCenter());
      }
      for (Map.Entry<String, Integer> dc : dataCentres.entrySet()) {
        if (dc.getKey().equals(e.dataCenter())) {
          views.get(dc.getKey()).put(e.hostName(), e.address());
          continue;
        }
        String end = addressing.linkEnd(dc.getValue(), ordinal);
        views.get(dc.getKey()).put(e.hostName(), end);
        Duration rtt = rtt(links, dc.getKey(), e.dataCenter());
        for (int port : e.ports()) {
          proxies.add(
              new Proxy(
                  dc.getKey() + "--" + e.hostName() + "--" + port,
                  dc.getKey(),
                  e.dataCenter(),
                  end + ":" + port,
                  e.address() + ":" + port,
                  rtt));
        }
      }
    }
    return new Plan(proxies, views);
  }

  record Plan(List<Proxy> proxies, Map<String, Map<String, String>> views) {}

  static Duration rtt(List<Link> links, String a, String b) {
    return links.stream()
        .filter(l -> (l.a().equals(a) && l.b().equals(b)) || (l.a().equals(b) && l.b().equals(a)))
        .map(Link::rtt)
        .findFirst()
        .orElse(Duration.ZERO);
  }

  /** Runs Toxiproxy if it is not running, then makes its proxies and latencies match the plan. */
  void apply(Plan plan) throws IOException {
    Path dir = ctx.workDir().resolve("wan");
    Files.createDirectories(dir);
    Path file = dir.resolve("proxies.json");
    Files.writeString(file, proxiesJson(plan.proxies()));
    Files.writeString(dir.resolve(PROXIES_BY_PATH), pathsIndex(plan.proxies()));
    String toxiproxy =
        ctx.binary("toxiproxy")
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "toxiproxy is not installed; run 'booty install toxiproxy'"))
            .toString();
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("toxiproxy_server", toxiproxy);
    vars.put("address", addressing.wan());
    vars.put("port", Integer.toString(API_PORT));
    vars.put("proxies_file", file.toString());
    vars.put("datacenters", "[" + Http.quote(ctx.endpoints().get("nomad.datacenter")) + "]");
    ctx.runJob(new NomadJob(jobId(ctx), NomadJob.template(WanLinks.class, TEMPLATE), vars));
    awaitApi();

    Set<String> wanted = new TreeSet<>();
    plan.proxies().forEach(p -> wanted.add(p.name()));
    for (String existing : existingProxies()) {
      if (!wanted.contains(existing)) {
        expect(Http.send("DELETE", api() + "/proxies/" + existing, null), "remove " + existing);
      }
    }
    expect(Http.send("POST", api() + "/populate", proxiesJson(plan.proxies())), "create proxies");
    for (Proxy p : plan.proxies()) {
      // data crosses a link one way per proxy (each side sends on the connection it dialled), so
      // each direction carries half the round trip, rounded up: a round trip is never shorter
      long half = (p.latency().toMillis() + 1) / 2;
      setLatency(p.name(), "wan-upstream", "upstream", half);
      setLatency(p.name(), "wan-downstream", "downstream", half);
    }
    ctx.progress("WAN: " + plan.proxies().size() + " links through Toxiproxy at " + api());
  }

  /**
   * Sets the state of every proxy between two data centres, both ways: latency (half the round trip
   * each way), a {@code timeout} toxic black-holing a share of connections ({@code loss}) or all of
   * them ({@code down}, silent), or the proxy disabled ({@code down}, hard: Toxiproxy closes its
   * connections and refuses new ones).
   */
  void path(String a, String b, ChaosContext.Path state) throws IOException {
    List<String> proxies = proxiesBetween(a, b);
    if (proxies.isEmpty()) {
      throw new IllegalStateException(
          "no WAN link between " + a + " and " + b + " (deploy the scenario first)");
    }
    long half = (state.rtt().toMillis() + 1) / 2;
    boolean hard = state.down() && !state.silent();
    for (String proxy : proxies) {
      expect(
          Http.send("POST", api() + "/proxies/" + proxy, "{\"enabled\":" + !hard + "}"),
          (hard ? "disable " : "enable ") + proxy);
      setLatency(proxy, "wan-upstream", "upstream", half);
      setLatency(proxy, "wan-downstream", "downstream", half);
      double blackHoled = state.down() ? 1.0 : state.loss();
      for (String stream : List.of("upstream", "downstream")) {
        String toxic = "wan-drop-" + stream;
        if (blackHoled > 0) {
          String body =
              "{\"name\":\"%s\",\"type\":\"timeout\",\"stream\":\"%s\",\"toxicity\":%s,"
                      .formatted(toxic, stream, Double.toString(blackHoled))
                  + "\"attributes\":{\"timeout\":0}}";
          Http.Response r = Http.send("POST", api() + "/proxies/" + proxy + "/toxics", body);
          if (r.status() == 409) {
            r = Http.send("POST", api() + "/proxies/" + proxy + "/toxics/" + toxic, body);
          }
          expect(r, "drop traffic on " + proxy);
        } else {
          Http.Response r =
              Http.send("DELETE", api() + "/proxies/" + proxy + "/toxics/" + toxic, null);
          if (r.status() != 404) {
            expect(r, "restore " + proxy);
          }
        }
      }
    }
  }

  /** The proxies carrying traffic between two data centres, from the file apply wrote. */
  List<String> proxiesBetween(String a, String b) throws IOException {
    Path file = ctx.workDir().resolve("wan").resolve(PROXIES_BY_PATH);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String[] f = line.split("\t");
      if (f.length == 3
          && ((f[0].equals(a) && f[1].equals(b)) || (f[0].equals(b) && f[1].equals(a)))) {
        out.add(f[2]);
      }
    }
    return out;
  }

  /** One line per proxy: the dialling data centre, the remote one, the proxy's name. */
  private static String pathsIndex(List<Proxy> proxies) {
    StringBuilder sb = new StringBuilder();
    for (Proxy p : proxies) {
      sb.append(p.from()).append('\t').append(p.to()).append('\t').append(p.name()).append('\n');
    }
    return sb.toString();
  }

  private void setLatency(String proxy, String toxic, String stream, long millis)
      throws IOException {
    String body =
        "{\"name\":\"%s\",\"type\":\"latency\",\"stream\":\"%s\",\"toxicity\":1,"
                .formatted(toxic, stream)
            + "\"attributes\":{\"latency\":%d,\"jitter\":0}}".formatted(millis);
    Http.Response r = Http.send("POST", api() + "/proxies/" + proxy + "/toxics", body);
    if (r.status() == 409) {
      r = Http.send("POST", api() + "/proxies/" + proxy + "/toxics/" + toxic, body);
    }
    expect(r, "set latency on " + proxy);
  }

  List<String> existingProxies() throws IOException {
    Http.Response r = Http.get(api() + "/proxies");
    expect(r, "list proxies");
    List<String> names = new ArrayList<>();
    Matcher m = NAME.matcher(r.body());
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private void awaitApi() {
    Instant deadline = Instant.now().plusSeconds(30);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      try {
        if (Http.get(api() + "/version").ok()) {
          return;
        }
      } catch (IOException e) {
        last = e.getMessage();
      }
      Http.sleep(200);
    }
    throw new IllegalStateException("Toxiproxy did not answer at " + api() + " (" + last + ")");
  }

  static String proxiesJson(List<Proxy> proxies) {
    StringBuilder sb = new StringBuilder("[");
    for (Proxy p : proxies) {
      if (sb.length() > 1) {
        sb.append(",\n");
      }
      sb.append("{\"name\":")
          .append(Http.quote(p.name()))
          .append(",\"listen\":")
          .append(Http.quote(p.listen()))
          .append(",\"upstream\":")
          .append(Http.quote(p.upstream()))
          .append(",\"enabled\":true}");
    }
    return sb.append("]\n").toString();
  }

  private static void expect(Http.Response r, String what) {
    if (!r.ok()) {
      throw new IllegalStateException(
          "Toxiproxy refused to " + what + ": HTTP " + r.status() + " " + r.body().strip());
    }
  }
}

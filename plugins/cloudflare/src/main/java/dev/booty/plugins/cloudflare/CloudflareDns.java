package dev.booty.plugins.cloudflare;

import dev.booty.api.DnsProvider;
import dev.booty.api.PluginContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.pf4j.Extension;

/**
 * Geo DNS on Cloudflare Load Balancing ({@link LoadBalancing}): the name answers each data centre's
 * region with its own servers and fails over to the nearest data centre with a healthy server.
 *
 * <p>The plan is the exact list of API calls, computed from the zone and what this plugin recorded
 * it made ({@link State}, in its work folder): a first deploy creates, a re-deploy of the same zone
 * calls nothing, a changed zone updates only what changed. Publish computes the calls again from
 * the record and makes them in order, recording each one as it succeeds, so a publish cut short is
 * finished by the next one; withdraw deletes exactly what the record holds.
 *
 * <p>Options ({@code dns.options}): {@code region.DC} / {@code country.DC} / {@code pop.DC} (see
 * {@link LoadBalancing}); {@code zoneName} (the Cloudflare zone, default the scenario's zone);
 * {@code zoneId} and {@code accountId} (else looked up with {@code GET /zones?name=}); {@code
 * tokenEnv} (default {@code CLOUDFLARE_API_TOKEN}) or {@code credentials} (a file holding the API
 * token); {@code endpoint} (default Cloudflare's API v4).
 */
@Extension
public final class CloudflareDns implements DnsProvider {
  private final Function<String, String> env;

  public CloudflareDns() {
    this(System::getenv);
  }

  /** With the environment given: tests cannot set real environment variables. */
  CloudflareDns(Function<String, String> env) {
    this.env = env;
  }

  @Override
  public String id() {
    return "cloudflare";
  }

  @Override
  public DnsPlan plan(DnsZone zone, PluginContext context) {
    State state = State.load(State.file(context.workDir(), zone.zone()));
    List<String> calls = calls(zone, state).stream().map(Call::line).toList();
    return new DnsPlan(zone, new LoadBalancing(zone).records(), calls, List.of(), Map.of());
  }

  @Override
  public Map<String, List<String>> publish(DnsPlan plan, PluginContext context) {
    DnsZone zone = plan.zone();
    State state = State.load(State.file(context.workDir(), zone.zone()));
    List<Call> calls = calls(zone, state);
    if (calls.isEmpty()) {
      context.progress("cloudflare: " + zone.fqdn() + " is up to date");
      return Map.of();
    }
    Token token = Token.from(zone.options(), env);
    state.access(access(zone.options()));
    CloudflareApi api = new CloudflareApi(endpoint(zone.options()), token, context);
    for (Call planned : calls) {
      Call call = planned.resolve(ids(zone, state));
      context.progress("cloudflare: " + call.name());
      record(state, call, api.send(call), zone, token);
    }
    return Map.of();
  }

  @Override
  public void withdraw(String zone, PluginContext context) {
    var file = State.file(context.workDir(), zone);
    if (!Files.exists(file)) {
      return;
    }
    State state = State.load(file);
    List<State.Resource> resources = new ArrayList<>(state.resources());
    if (!resources.isEmpty()) {
      Map<String, String> access = state.access();
      CloudflareApi api = new CloudflareApi(endpoint(access), Token.from(access, env), context);
      // newest first; a load balancer before the pools it names, pools before their monitor
      java.util.Collections.reverse(resources);
      resources.sort(Comparator.comparingInt(CloudflareDns::rank));
      for (State.Resource r : resources) {
        Call call = new Call(Call.Kind.DELETE, "DELETE", r.path(), null, r.key());
        context.progress("cloudflare: " + call.name());
        api.send(call);
        state.remove(r.key());
      }
    }
    state.deleteIfEmpty();
  }

  /** The calls that make Cloudflare hold the zone, given what the state says exists. */
  static List<Call> calls(DnsZone zone, State state) {
    LoadBalancing lb = new LoadBalancing(zone);
    Map<String, String> ids = ids(zone, state);
    Function<String, String> ref = key -> ids.getOrDefault(key, "${" + key + "}");
    List<Call> calls = new ArrayList<>();
    if (!ids.containsKey("zone") || !ids.containsKey("account")) {
      String name = zone.options().getOrDefault("zoneName", zone.zone());
      calls.add(
          new Call(
              Call.Kind.LOOKUP,
              "GET",
              "/zones?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8),
              null,
              "zone"));
    }
    String pools = "/accounts/" + ref.apply("account") + "/load_balancers/pools";
    Set<String> wanted = new HashSet<>();
    wanted.add(LoadBalancing.MONITOR);
    reconcile(
        calls,
        state,
        LoadBalancing.MONITOR,
        "/accounts/" + ref.apply("account") + "/load_balancers/monitors",
        Json.write(lb.monitor()));
    for (String dc : lb.dataCenters()) {
      String key = LoadBalancing.poolKey(dc);
      wanted.add(key);
      reconcile(
          calls, state, key, pools, Json.write(lb.pool(dc, ref.apply(LoadBalancing.MONITOR))));
    }
    wanted.add(LoadBalancing.LOAD_BALANCER);
    reconcile(
        calls,
        state,
        LoadBalancing.LOAD_BALANCER,
        "/zones/" + ref.apply("zone") + "/load_balancers",
        Json.write(lb.loadBalancer(dc -> ref.apply(LoadBalancing.poolKey(dc)))));
    // a data centre gone: its pool goes once the load balancer no longer names it
    List<State.Resource> old = new ArrayList<>(state.resources());
    java.util.Collections.reverse(old);
    for (State.Resource r : old) {
      if (!wanted.contains(r.key())) {
        calls.add(new Call(Call.Kind.DELETE, "DELETE", r.path(), null, r.key()));
      }
    }
    return calls;
  }

  private static void reconcile(
      List<Call> calls, State state, String key, String collection, String body) {
    Optional<State.Resource> made = state.get(key);
    if (made.isEmpty()) {
      calls.add(new Call(Call.Kind.CREATE, "POST", collection, body, key));
    } else if (!made.get().body().equals(body)) {
      calls.add(new Call(Call.Kind.UPDATE, "PUT", made.get().path(), body, key));
    }
  }

  /** The ids known: recorded ones, with the zone's and account's from the options first. */
  private static Map<String, String> ids(DnsZone zone, State state) {
    Map<String, String> ids = new LinkedHashMap<>(state.ids());
    Optional.ofNullable(zone.options().get("zoneId")).ifPresent(id -> ids.put("zone", id));
    Optional.ofNullable(zone.options().get("accountId")).ifPresent(id -> ids.put("account", id));
    return ids;
  }

  private static void record(State state, Call call, Object result, DnsZone zone, Token token) {
    switch (call.kind()) {
      case LOOKUP -> {
        List<?> zones = result instanceof List<?> l ? l : List.of();
        if (zones.isEmpty()) {
          throw new IllegalStateException(
              "cloudflare: "
                  + call.name()
                  + " found no zone: the API token from "
                  + token.source()
                  + " sees no zone of that name (dns option zoneName, or zoneId and accountId)");
        }
        Object found = zones.get(0);
        String zoneId = zone.options().getOrDefault("zoneId", Json.string(found, "id"));
        String accountId =
            zone.options()
                .getOrDefault("accountId", Json.string(Json.object(found, "account"), "id"));
        if (zoneId == null || accountId == null) {
          throw new IllegalStateException(
              "cloudflare: " + call.name() + " answered a zone without its id or account id");
        }
        state.ids(zoneId, accountId);
      }
      case CREATE -> {
        String id = Json.string(result, "id");
        if (id == null) {
          throw new IllegalStateException(
              "cloudflare: " + call.name() + " answered without the new resource's id");
        }
        state.put(new State.Resource(call.key(), id, call.path() + "/" + id, call.body()));
      }
      case UPDATE -> {
        State.Resource was = state.get(call.key()).orElseThrow();
        state.put(new State.Resource(call.key(), was.id(), was.path(), call.body()));
      }
      case DELETE -> state.remove(call.key());
    }
  }

  private static int rank(State.Resource r) {
    return switch (r.key()) {
      case LoadBalancing.LOAD_BALANCER -> 0;
      case LoadBalancing.MONITOR -> 2;
      default -> 1;
    };
  }

  private static String endpoint(Map<String, String> options) {
    return options.getOrDefault("endpoint", CloudflareApi.DEFAULT_ENDPOINT);
  }

  /** What withdraw needs to call the API again: never the token itself. */
  private static Map<String, String> access(Map<String, String> options) {
    Map<String, String> access = new LinkedHashMap<>();
    for (String key : List.of("endpoint", "tokenEnv", "credentials")) {
      if (options.containsKey(key)) {
        access.put(key, options.get(key));
      }
    }
    return access;
  }
}

package dev.booty.plugins.clouddns;

import dev.booty.api.PluginContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * region with its own servers and fails over to the nearest data centre with a healthy server. A
 * monitor, a pool per data centre and the load balancer are made, updated and deleted by the flow
 * of {@link CloudDnsProvider}.
 *
 * <p>Options ({@code dns.options}): {@code region.DC} / {@code country.DC} / {@code pop.DC} (see
 * {@link LoadBalancing}); {@code zoneName} (the Cloudflare zone, default the scenario's zone);
 * {@code zoneId} and {@code accountId} (else looked up with {@code GET /zones?name=}); {@code
 * tokenEnv} (default {@code CLOUDFLARE_API_TOKEN}) or {@code credentials} (a file holding the API
 * token); {@code endpoint} (default Cloudflare's API v4).
 */
@Extension
public final class CloudflareDns extends CloudDnsProvider {

  public CloudflareDns() {
    this(System::getenv);
  }

  /** With the environment given: tests cannot set real environment variables. */
  CloudflareDns(Function<String, String> env) {
    super(CloudflareApi.SERVICE, env);
  }

  @Override
  List<String> records(DnsZone zone) {
    return new LoadBalancing(zone).records();
  }

  @Override
  ApiClient api(String endpoint, Token token, PluginContext context) {
    return new CloudflareApi(endpoint, token, context);
  }

  @Override
  List<Call> calls(DnsZone zone, State state) {
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
        Json.write(lb.monitor()),
        "PUT");
    for (String dc : lb.dataCenters()) {
      String key = LoadBalancing.poolKey(dc);
      wanted.add(key);
      reconcile(
          calls,
          state,
          key,
          pools,
          Json.write(lb.pool(dc, ref.apply(LoadBalancing.MONITOR))),
          "PUT");
    }
    wanted.add(LoadBalancing.LOAD_BALANCER);
    reconcile(
        calls,
        state,
        LoadBalancing.LOAD_BALANCER,
        "/zones/" + ref.apply("zone") + "/load_balancers",
        Json.write(lb.loadBalancer(dc -> ref.apply(LoadBalancing.poolKey(dc)))),
        "PUT");
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

  /** The ids known: recorded ones, with the zone's and account's from the options first. */
  @Override
  Map<String, String> ids(DnsZone zone, State state) {
    Map<String, String> ids = new LinkedHashMap<>(state.ids());
    Optional.ofNullable(zone.options().get("zoneId")).ifPresent(id -> ids.put("zone", id));
    Optional.ofNullable(zone.options().get("accountId")).ifPresent(id -> ids.put("account", id));
    return ids;
  }

  @Override
  void lookedUp(State state, Call call, Object result, DnsZone zone, Token token) {
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
        zone.options().getOrDefault("accountId", Json.string(Json.object(found, "account"), "id"));
    if (zoneId == null || accountId == null) {
      throw new IllegalStateException(
          "cloudflare: " + call.name() + " answered a zone without its id or account id");
    }
    state.found(Map.of("zone", zoneId, "account", accountId));
  }

  @Override
  State.Resource created(Call call, Object result, DnsZone zone) {
    String id = Json.string(result, "id");
    if (id == null) {
      throw new IllegalStateException(
          "cloudflare: " + call.name() + " answered without the new resource's id");
    }
    return new State.Resource(call.key(), id, call.path() + "/" + id, call.body());
  }

  /** A load balancer before the pools it names, pools before their monitor. */
  @Override
  void withdrawOrder(List<State.Resource> newestFirst) {
    newestFirst.sort(Comparator.comparingInt(CloudflareDns::rank));
  }

  private static int rank(State.Resource r) {
    return switch (r.key()) {
      case LoadBalancing.LOAD_BALANCER -> 0;
      case LoadBalancing.MONITOR -> 2;
      default -> 1;
    };
  }
}

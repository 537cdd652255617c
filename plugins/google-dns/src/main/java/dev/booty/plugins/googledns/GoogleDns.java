package dev.booty.plugins.googledns;

import dev.booty.api.DnsProvider;
import dev.booty.api.PluginContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.pf4j.Extension;

/**
 * Geo DNS on Google Cloud DNS ({@link GeoRecord}): one record set with a geo routing policy answers
 * each data centre's region with its own healthy servers, else the nearest healthy location.
 *
 * <p>The plan is the exact list of API calls (the {@code resourceRecordSets} methods create, patch
 * and delete), computed from the zone and what this plugin recorded it made ({@link State}, in its
 * work folder): a first deploy creates, a re-deploy of the same zone calls nothing, a changed zone
 * patches. Publish computes the calls again from the record and makes them in order, recording each
 * as it succeeds; withdraw deletes exactly what the record holds.
 *
 * <p>Options ({@code dns.options}): {@code project}, {@code managedZone} (the managed zone holding
 * the name); {@code region.DC} and {@code healthCheck} (see {@link GeoRecord}); {@code tokenEnv}
 * (default {@code GOOGLE_OAUTH_ACCESS_TOKEN}) or {@code credentials} (a file holding an OAuth
 * access token); {@code endpoint} (default Cloud DNS API v1).
 */
@Extension
public final class GoogleDns implements DnsProvider {
  private final Function<String, String> env;

  public GoogleDns() {
    this(System::getenv);
  }

  /** With the environment given: tests cannot set real environment variables. */
  GoogleDns(Function<String, String> env) {
    this.env = env;
  }

  @Override
  public String id() {
    return "google-dns";
  }

  @Override
  public DnsPlan plan(DnsZone zone, PluginContext context) {
    State state = State.load(State.file(context.workDir(), zone.zone()));
    List<String> calls = calls(zone, state).stream().map(Call::line).toList();
    return new DnsPlan(zone, new GeoRecord(zone).records(), calls, List.of(), Map.of());
  }

  @Override
  public Map<String, List<String>> publish(DnsPlan plan, PluginContext context) {
    DnsZone zone = plan.zone();
    State state = State.load(State.file(context.workDir(), zone.zone()));
    List<Call> calls = calls(zone, state);
    if (calls.isEmpty()) {
      context.progress("google-dns: " + zone.fqdn() + " is up to date");
      return Map.of();
    }
    Token token = Token.from(zone.options(), env);
    state.access(access(zone.options()));
    CloudDnsApi api = new CloudDnsApi(endpoint(zone.options()), token, context);
    for (Call call : calls) {
      context.progress("google-dns: " + call.name());
      api.send(call);
      switch (call.kind()) {
        case CREATE ->
            state.put(
                new State.Resource(
                    call.key(), rrsetId(zone), call.path() + rrsetPath(zone), call.body()));
        case UPDATE -> {
          State.Resource was = state.get(call.key()).orElseThrow();
          state.put(new State.Resource(call.key(), was.id(), was.path(), call.body()));
        }
        case DELETE -> state.remove(call.key());
      }
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
      CloudDnsApi api = new CloudDnsApi(endpoint(access), Token.from(access, env), context);
      Collections.reverse(resources);
      for (State.Resource r : resources) {
        Call call = new Call(Call.Kind.DELETE, "DELETE", r.path(), null, r.key());
        context.progress("google-dns: " + call.name());
        api.send(call);
        state.remove(r.key());
      }
    }
    state.deleteIfEmpty();
  }

  /** The calls that make Cloud DNS hold the zone, given what the state says exists. */
  static List<Call> calls(DnsZone zone, State state) {
    String body = Json.write(new GeoRecord(zone).body());
    String rrsets =
        "/projects/"
            + option(zone, "project")
            + "/managedZones/"
            + option(zone, "managedZone")
            + "/rrsets";
    List<Call> calls = new ArrayList<>();
    Optional<State.Resource> made = state.get(GeoRecord.KEY);
    if (made.isEmpty()) {
      calls.add(new Call(Call.Kind.CREATE, "POST", rrsets, body, GeoRecord.KEY));
    } else if (!made.get().body().equals(body)) {
      calls.add(new Call(Call.Kind.UPDATE, "PATCH", made.get().path(), body, GeoRecord.KEY));
    }
    return calls;
  }

  /** A required option, or an error naming it. */
  static String option(DnsZone zone, String key) {
    String value = zone.options().get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "google-dns: dns option "
              + key
              + " is missing: "
              + ("project".equals(key)
                  ? "the Google Cloud project holding the managed zone"
                  : "the managed zone (its name in Cloud DNS) that holds " + zone.zone()));
    }
    return value.strip();
  }

  private static String rrsetId(DnsZone zone) {
    return zone.fqdn() + "./A";
  }

  private static String rrsetPath(DnsZone zone) {
    return "/" + URLEncoder.encode(zone.fqdn() + ".", StandardCharsets.UTF_8) + "/A";
  }

  private static String endpoint(Map<String, String> options) {
    return options.getOrDefault("endpoint", CloudDnsApi.DEFAULT_ENDPOINT);
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

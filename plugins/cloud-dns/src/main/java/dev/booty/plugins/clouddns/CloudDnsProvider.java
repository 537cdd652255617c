package dev.booty.plugins.clouddns;

import dev.booty.api.DnsProvider;
import dev.booty.api.PluginContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The flow both cloud providers share. The plan is the exact list of API calls, computed from the
 * zone and what the extension recorded it made ({@link State}, in the work folder): a first deploy
 * creates, a re-deploy of the same zone calls nothing, a changed zone updates only what changed.
 * Publish computes the calls again from the record and makes them in order, recording each one as
 * it succeeds, so a publish cut short is finished by the next one; withdraw deletes exactly what
 * the record holds, newest first. A provider says which calls make its zone and how it names what a
 * call created.
 *
 * <p>Options every provider reads ({@code dns.options}): {@code tokenEnv} or {@code credentials} (a
 * file holding the token) and {@code endpoint} (default the provider's public API).
 */
abstract class CloudDnsProvider implements DnsProvider {
  private final Service service;
  private final Function<String, String> env;

  /**
   * @param env the environment: tests cannot set real environment variables
   */
  CloudDnsProvider(Service service, Function<String, String> env) {
    this.service = service;
    this.env = env;
  }

  /** The calls that make the provider hold the zone, given what the state says exists. */
  abstract List<Call> calls(DnsZone zone, State state);

  /** What the name answers in each data centre, for people to read in the plan. */
  abstract List<String> records(DnsZone zone);

  abstract ApiClient api(String endpoint, Token token, PluginContext context);

  /** What a successful {@link Call.Kind#CREATE} made: its id and the path that addresses it. */
  abstract State.Resource created(Call call, Object result, DnsZone zone);

  /** Records what a {@link Call.Kind#LOOKUP} found; only a provider that plans lookups has one. */
  void lookedUp(State state, Call call, Object result, DnsZone zone, Token token) {
    throw new IllegalStateException(service.id() + ": " + call.name() + " is no lookup it knows");
  }

  /** The ids that fill in a call's {@code ${key}}s: by default the recorded ones. */
  Map<String, String> ids(DnsZone zone, State state) {
    return state.ids();
  }

  /** Puts withdraw's deletions (newest first) in the order the provider needs; by default kept. */
  void withdrawOrder(List<State.Resource> newestFirst) {}

  @Override
  public final String id() {
    return service.id();
  }

  @Override
  public DnsPlan plan(DnsZone zone, PluginContext context) {
    State state = state(context.workDir(), zone.zone());
    List<String> calls = calls(zone, state).stream().map(Call::line).toList();
    return new DnsPlan(zone, records(zone), calls, List.of(), Map.of());
  }

  @Override
  public Map<String, List<String>> publish(DnsPlan plan, PluginContext context) {
    DnsZone zone = plan.zone();
    State state = state(context.workDir(), zone.zone());
    List<Call> calls = calls(zone, state);
    if (calls.isEmpty()) {
      context.progress(service.id() + ": " + zone.fqdn() + " is up to date");
      return Map.of(); // clouds answer through public resolvers
    }
    Token token = Token.from(zone.options(), env, service);
    state.access(access(zone.options()));
    ApiClient api = api(endpoint(zone.options()), token, context);
    for (Call planned : calls) {
      Call call = planned.resolve(ids(zone, state));
      context.progress(service.id() + ": " + call.name());
      Object result = api.send(call);
      switch (call.kind()) {
        case LOOKUP -> lookedUp(state, call, result, zone, token);
        case CREATE -> state.put(created(call, result, zone));
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
    Path file = State.file(context.workDir(), service.id(), zone);
    if (!Files.exists(file)) {
      return;
    }
    State state = State.load(file, service.id());
    List<State.Resource> resources = new ArrayList<>(state.resources());
    if (!resources.isEmpty()) {
      Map<String, String> access = state.access();
      ApiClient api = api(endpoint(access), Token.from(access, env, service), context);
      Collections.reverse(resources);
      withdrawOrder(resources);
      for (State.Resource r : resources) {
        Call call = new Call(Call.Kind.DELETE, "DELETE", r.path(), null, r.key());
        context.progress(service.id() + ": " + call.name());
        api.send(call);
        state.remove(r.key());
      }
    }
    state.deleteIfEmpty();
  }

  /** The record of this provider for a zone (empty when none was made). */
  State state(Path workDir, String zone) {
    return State.load(State.file(workDir, service.id(), zone), service.id());
  }

  /**
   * Adds the call that makes {@code key} hold {@code body}: a create in {@code collection} when it
   * was never made, an update ({@code updateMethod} on its recorded path) when its body changed.
   */
  static void reconcile(
      List<Call> calls, State state, String key, String collection, String body, String update) {
    Optional<State.Resource> made = state.get(key);
    if (made.isEmpty()) {
      calls.add(new Call(Call.Kind.CREATE, "POST", collection, body, key));
    } else if (!made.get().body().equals(body)) {
      calls.add(new Call(Call.Kind.UPDATE, update, made.get().path(), body, key));
    }
  }

  private String endpoint(Map<String, String> options) {
    return options.getOrDefault("endpoint", service.endpoint());
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

package dev.booty.plugins.chaos;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosContext.Server;
import dev.booty.api.ChaosContext.Site;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The scenario's data centres and servers as a mode checks its targets against them. Every lookup
 * that fails names the target and lists what exists.
 */
final class Topology {
  private final List<Site> sites;

  private Topology(List<Site> sites) {
    this.sites = List.copyOf(sites);
  }

  static Topology of(ChaosContext context) {
    return new Topology(context.sites());
  }

  List<Site> sites() {
    return sites;
  }

  List<String> dataCenterNames() {
    return sites.stream().map(Site::name).toList();
  }

  Optional<Site> findDataCenter(String name) {
    return sites.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  Site dataCenter(String name) {
    return findDataCenter(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown data centre '"
                        + name
                        + "' (known: "
                        + Options.join(dataCenterNames())
                        + ")"));
  }

  Server server(String name) {
    return sites.stream()
        .flatMap(s -> s.servers().stream())
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown server '" + name + "' (known: " + Options.join(serverNames()) + ")"));
  }

  List<String> serverNames() {
    return sites.stream().flatMap(s -> s.servers().stream()).map(Server::name).toList();
  }

  /**
   * The data centres a step names: at least one, each once, all known.
   *
   * @param mode the mode's id, for the message about missing targets
   */
  List<Site> dataCenters(List<String> targets, String mode) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException(
          mode
              + " needs one or more data centres as target (known: "
              + Options.join(dataCenterNames())
              + ")");
    }
    noneTwice(targets);
    return targets.stream().map(this::dataCenter).toList();
  }

  /** The path between two known, different data centres. */
  Pair path(String a, String b) {
    dataCenter(a);
    dataCenter(b);
    if (a.equals(b)) {
      throw new IllegalArgumentException(
          "path '" + a + Pair.SEPARATOR + b + "' must join two different data centres");
    }
    return new Pair(a, b);
  }

  /** A target written {@code a~b}, checked like {@link #path(String, String)}. */
  Pair path(String target) {
    Pair p = Pair.parse(target);
    return path(p.a(), p.b());
  }

  /**
   * Every path from the given data centres to every other data centre, each pair once, in the
   * scenario's order.
   */
  List<Pair> pathsFrom(List<String> dataCenters) {
    List<Pair> pairs = new ArrayList<>();
    for (String dc : dataCenters) {
      for (String other : dataCenterNames()) {
        Pair p = new Pair(dc, other);
        if (!dc.equals(other) && pairs.stream().noneMatch(p::sameAs)) {
          pairs.add(p);
        }
      }
    }
    return pairs;
  }

  static void noneTwice(List<String> targets) {
    Set<String> seen = new HashSet<>();
    for (String t : targets) {
      if (!seen.add(t)) {
        throw new IllegalArgumentException("target '" + t + "' is listed twice");
      }
    }
  }
}

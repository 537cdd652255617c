package dev.booty.core.scenario;

import dev.booty.core.BootyException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A scenario file (format {@value #VERSION}), validated and with its defaults applied: the data
 * centres and the WAN between them, the NATS cluster, the clients and their workload, the faults of
 * the timeline and the expectations that make the verdict. {@link ScenarioLoader} reads it.
 *
 * @param file the file it was read from, as given
 * @param description empty when not written
 * @param wan the listed pairs; a pair not listed has no added latency
 * @param workload null when not written
 * @param dns the name clients resolve; null when the scenario has no DNS plugin
 */
public record Scenario(
    Path file,
    int version,
    String name,
    String description,
    Plugins plugins,
    List<DataCenter> datacenters,
    List<WanLink> wan,
    Cluster cluster,
    Dns dns,
    List<ClientGroup> clients,
    Workload workload,
    List<Step> steps,
    List<Expectation> expect) {

  /** The format this booty reads. */
  public static final int VERSION = 1;

  /** What a scenario name may be, for messages. */
  public static final String NAME_RULE =
      "lower-case letters, digits and '-', starting with a letter, at most 32 characters";

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  public Scenario {
    datacenters = List.copyOf(datacenters);
    wan = List.copyOf(wan);
    clients = List.copyOf(clients);
    steps = List.copyOf(steps);
    expect = List.copyOf(expect);
  }

  /** Whether {@code name} is a scenario name ({@link #NAME_RULE}). */
  public static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** The round-trip time between two data centres, in either order; zero when not listed. */
  public Duration rtt(String a, String b) {
    datacenter(a);
    datacenter(b);
    return wan.stream()
        .filter(l -> l.joins(a, b))
        .map(WanLink::rtt)
        .findFirst()
        .orElse(Duration.ZERO);
  }

  /** How many cluster servers run in a data centre. */
  public int servers(String dc) {
    return datacenter(dc).servers();
  }

  /** The data centre called {@code name}. */
  public DataCenter datacenter(String name) {
    return datacenters.stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                BootyException.usage(
                    "scenario "
                        + this.name
                        + " has no data centre '"
                        + name
                        + "' (declared: "
                        + String.join(", ", datacenterNames())
                        + ")"));
  }

  /** The data centres' names, in the file's order. */
  public List<String> datacenterNames() {
    return datacenters.stream().map(DataCenter::name).toList();
  }
}

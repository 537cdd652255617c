package dev.booty.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Answers the one name clients know ({@code nats.london-3dc.booty.test}) with the servers of the
 * asking data centre, or, when none of them is healthy, with the nearest healthy data centre's: a
 * real authoritative server on this machine ({@code powerdns}), or a cloud's geo-steered DNS
 * ({@code cloudflare}, {@code google-dns}).
 *
 * <p>booty calls {@link #plan} when it plans a deployment (the plan is shown before anything is
 * done, {@code deploy --plan}), runs the plan's Nomad jobs with the cluster's and follows them to
 * healthy, then calls {@link #publish}. {@code destroy} calls {@link #withdraw}.
 */
public interface DnsProvider extends BootyExtension {

  /** What {@link #publish} will make, without acting: records, jobs and API calls. */
  DnsPlan plan(DnsZone zone, PluginContext context);

  /**
   * Makes the plan so, once its jobs run. Must be safe to call again after a half-done call: the
   * next call finishes the job (a cloud plugin records what it made in its work folder).
   *
   * @return the resolver addresses each data centre uses to ask for the name (port 53); a data
   *     centre left out keeps its hosting's resolvers (a cloud's public DNS)
   */
  Map<String, List<String>> publish(DnsPlan plan, PluginContext context);

  /** Removes exactly what {@link #publish} made for {@code zone}; nothing left is no error. */
  void withdraw(String zone, PluginContext context);

  /**
   * The zone booty asks for.
   *
   * @param zone the zone, e.g. {@code local-3dc.booty.test}
   * @param name the record clients resolve inside it, e.g. {@code nats}
   * @param ttl the answers' time to live
   * @param checkInterval how often each server's health is checked
   * @param options the scenario's {@code dns.options} (provider settings: credentials file, ...)
   * @param views one per data centre, each as that data centre sees the servers
   */
  record DnsZone(
      String zone,
      String name,
      Duration ttl,
      Duration checkInterval,
      Map<String, String> options,
      List<View> views) {
    public DnsZone {
      options = Map.copyOf(options);
      views = List.copyOf(views);
    }

    /** The name clients resolve: {@code name.zone}. */
    public String fqdn() {
      return name + "." + zone;
    }
  }

  /**
   * What one data centre should be answered.
   *
   * @param nomadDatacenter where a job serving this data centre runs
   * @param attributes what the hosting plugin says of the data centre (e.g. {@code dns.address},
   *     the address its own DNS server binds)
   * @param tiers its own servers first, then every other data centre's, nearest first by the
   *     scenario's round-trip times: the answer is the first tier with a healthy server
   */
  record View(
      String dataCenter, String nomadDatacenter, Map<String, String> attributes, List<Tier> tiers) {
    public View {
      attributes = Map.copyOf(attributes);
      tiers = List.copyOf(tiers);
    }
  }

  /** The servers of one data centre, as the viewing data centre reaches them. */
  record Tier(String dataCenter, List<Target> targets) {
    public Tier {
      targets = List.copyOf(targets);
    }
  }

  /**
   * One server.
   *
   * @param address the address the viewing data centre reaches it at (the answer)
   * @param port the port clients connect to
   * @param healthUrl answers 200 while the server is healthy, reached from the viewing data centre
   */
  record Target(String server, String address, int port, String healthUrl) {}

  /**
   * A plan.
   *
   * @param records the records each data centre will be answered, one line each, for people
   * @param calls the exact API calls publish will make, in order ({@code POST /zones/Z/dns_records
   *     {...}}); empty for a DNS server booty runs itself
   * @param jobs Nomad jobs booty runs before {@link #publish} (a DNS server per data centre)
   * @param data anything the plugin needs back in {@link #publish}
   */
  record DnsPlan(
      DnsZone zone,
      List<String> records,
      List<String> calls,
      List<NomadJob> jobs,
      Map<String, String> data) {
    public DnsPlan {
      records = List.copyOf(records);
      calls = List.copyOf(calls);
      jobs = List.copyOf(jobs);
      data = Map.copyOf(data);
    }
  }
}

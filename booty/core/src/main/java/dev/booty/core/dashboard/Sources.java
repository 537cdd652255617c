package dev.booty.core.dashboard;

import dev.booty.core.deploy.DeploymentState;
import java.util.List;

/**
 * What the dashboard reads and does, behind small interfaces so tests feed them without the stack:
 * the probes of servers, the catalog of servers, the jobs, and the two actions (heal, stop a run).
 */
public record Sources(Probe probe, Catalog catalog, Jobs jobs, Actions actions) {

  /** Asks a nats-server's {@code /healthz} whether it answers. */
  public interface Probe {
    /** {@code UP} when it answered, {@code FROZEN} on a timeout, {@code DEAD} when refused. */
    Health probe(String address, int monitorPort);
  }

  /** What a probe found. */
  public enum Health {
    UP,
    FROZEN,
    DEAD
  }

  /** The servers of a deployed scenario as the stack's Consul has them registered. */
  public interface Catalog {
    List<Server> servers(DeploymentState scenario);
  }

  /**
   * One nats-server of a scenario.
   *
   * @param consul the Consul check's status: passing, warning, critical or missing
   */
  public record Server(String name, String dc, String address, int monitorPort, String consul) {}

  /** The scenario's Nomad jobs (their ids start with the scenario's name). */
  public interface Jobs {
    List<Job> jobs(String scenario);
  }

  /** A Nomad job as the page shows it: {@code running}, {@code pending} or {@code dead}. */
  public record Job(String id, String status, int running, int desired) {}

  /** What a POST may do. */
  public interface Actions {
    /** Heals the faults held for {@code scenario}; the ids of those healed. */
    List<String> heal(String scenario);

    /** Sends SIGTERM to {@code pid}; false when no such process runs. */
    boolean terminate(long pid);
  }
}

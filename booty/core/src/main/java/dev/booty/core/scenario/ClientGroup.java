package dev.booty.core.scenario;

import java.util.List;

/**
 * Clients placed in one data centre.
 *
 * @param count how many clients (at least 1; 1 when not written)
 * @param connect the data centres they prefer, in order; empty means their own data centre first,
 *     then the others by round-trip time
 * @param perTask how many clients one process (one Nomad allocation) hosts; count is a multiple of
 *     it, and scaling changes the allocations
 */
public record ClientGroup(String datacenter, int count, List<String> connect, int perTask) {
  /** Clients per process when the file does not say: all of them up to this many. */
  public static final int DEFAULT_PER_TASK = 10;

  public ClientGroup {
    connect = List.copyOf(connect);
  }

  public ClientGroup(String datacenter, int count, List<String> connect) {
    this(datacenter, count, connect, Math.min(count, DEFAULT_PER_TASK));
  }

  /** How many processes host the clients. */
  public int tasks() {
    return count / perTask;
  }
}

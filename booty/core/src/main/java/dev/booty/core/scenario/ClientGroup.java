package dev.booty.core.scenario;

import java.util.List;

/**
 * Clients placed in one data centre.
 *
 * @param count how many clients (at least 1; 1 when not written)
 * @param connect the data centres they prefer, in order; empty means their own data centre's
 *     servers
 */
public record ClientGroup(String datacenter, int count, List<String> connect) {
  public ClientGroup {
    connect = List.copyOf(connect);
  }
}

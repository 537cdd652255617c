package dev.booty.dev.bench;

import dev.booty.core.client.ClientReport;
import dev.booty.core.client.ClientReport.ConnectionEvent;
import dev.booty.core.client.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** What the harness benches do with many test clients at once. */
final class TestClients {
  private TestClients() {}

  /** Something to do to one client. */
  interface Action {
    void apply(TestClient c) throws Exception;
  }

  static List<ClientReport> reports(List<TestClient> clients) {
    return clients.stream().map(TestClient::report).toList();
  }

  /**
   * {@code action} on every client at once on {@code pool} (a stop waits up to 2 s for what is
   * still in flight), then waits for all of them.
   */
  static void eachAtOnce(List<TestClient> clients, ExecutorService pool, Action action)
      throws Exception {
    List<Future<?>> running = new ArrayList<>();
    for (TestClient c : clients) {
      running.add(
          pool.submit(
              () -> {
                action.apply(c);
                return null;
              }));
    }
    for (Future<?> f : running) {
      f.get();
    }
  }

  /** Connected now: its last event is a (re)connection. */
  static boolean isConnected(ClientReport r) {
    List<ConnectionEvent> e = r.events();
    if (e.isEmpty()) {
      return false;
    }
    String last = e.get(e.size() - 1).type();
    return last.equals("CONNECTED") || last.equals("RECONNECTED");
  }

  /** The seed list starting at server {@code i} (clients spread over a cluster). */
  static List<String> rotated(List<String> urls, int i) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < urls.size(); k++) {
      out.add(urls.get((i + k) % urls.size()));
    }
    return out;
  }
}

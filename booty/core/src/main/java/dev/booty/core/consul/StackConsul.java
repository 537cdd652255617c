package dev.booty.core.consul;

import dev.booty.api.StackHttp;
import dev.booty.core.BootyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.ConsulException;
import org.kiwiproject.consul.model.health.HealthCheck;
import org.kiwiproject.consul.model.health.ServiceHealth;

/** The stack's Consul, through consul-client (the maintained continuation of the Orbitz client). */
public final class StackConsul implements AutoCloseable {
  private final String url;
  private final Consul consul;

  /**
   * One instance of a service as Consul sees it.
   *
   * @param checks each check as {@code NAME: STATUS}
   * @param passing whether every check passes
   * @param failing each check not passing as {@code NAME STATUS: OUTPUT}, its output as Consul
   *     recorded it (the HTTP answer of a failing health check)
   */
  public record Instance(
      String id,
      String address,
      int port,
      List<String> checks,
      boolean passing,
      List<String> failing,
      Map<String, String> meta) {}

  /** Consul without credentials (a stack made before booty secured it, a test's own Consul). */
  public StackConsul(String url) {
    this(url, StackHttp.of(Optional.empty()));
  }

  /** Consul at {@code url} with the TLS and token of {@code http}. */
  public StackConsul(String url, StackHttp http) {
    this.url = url;
    Consul.Builder b =
        Consul.builder()
            .withUrl(url)
            .withPing(false)
            .withConnectTimeoutMillis(2000)
            .withReadTimeoutMillis(5000);
    http.security()
        .ifPresent(
            s ->
                b.withAclToken(s.consulToken())
                    .withSslContext(http.ssl().orElseThrow())
                    .withTrustManager(http.trustManager().orElseThrow()));
    this.consul = b.build();
  }

  /** The raft leader's address, empty while there is none. */
  public String leader() {
    try {
      String leader = consul.statusClient().getLeader();
      return leader == null ? "" : leader;
    } catch (ConsulException | IllegalStateException e) {
      throw unreachable(e);
    }
  }

  /** Every registered instance of {@code service}, with its checks. */
  public List<Instance> service(String service) {
    try {
      List<Instance> out = new ArrayList<>();
      for (ServiceHealth h : consul.healthClient().getAllServiceInstances(service).getResponse()) {
        List<String> checks = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        boolean passing = true;
        for (HealthCheck c : h.getChecks()) {
          checks.add(c.getName() + ": " + c.getStatus());
          passing &= c.getStatus().equals("passing");
          if (!c.getStatus().equals("passing")) {
            String output = c.getOutput().orElse("").strip();
            failing.add(
                c.getName()
                    + " "
                    + c.getStatus()
                    + ": "
                    + (output.isEmpty() ? "(Consul recorded no output yet)" : output));
          }
        }
        out.add(
            new Instance(
                h.getService().getId(),
                h.getService().getAddress(),
                h.getService().getPort(),
                checks,
                passing,
                failing,
                Map.copyOf(h.getService().getMeta())));
      }
      return out;
    } catch (ConsulException | IllegalStateException e) {
      throw unreachable(e);
    }
  }

  private BootyException unreachable(RuntimeException e) {
    return BootyException.failure("cannot ask Consul at " + url + ": " + e.getMessage());
  }

  @Override
  public void close() {
    consul.destroy();
  }
}

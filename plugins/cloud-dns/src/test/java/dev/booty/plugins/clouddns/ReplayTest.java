package dev.booty.plugins.clouddns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.api.DnsProvider.DnsZone;
import dev.booty.api.DnsProvider.Target;
import dev.booty.api.DnsProvider.Tier;
import dev.booty.api.DnsProvider.View;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests of both providers share: a work folder, a token file, a loopback server replaying
 * the provider's recorded exchanges (under {@code src/test/resources/exchanges/<provider>}), and
 * the zone of three data centres they publish.
 */
abstract class ReplayTest {
  @TempDir Path dir;
  FakeContext ctx;
  ReplayServer server;
  private final String token;
  private final String provider;

  ReplayTest(String token, String provider) {
    this.token = token;
    this.provider = provider;
  }

  @BeforeEach
  void setUp() throws IOException {
    ctx = new FakeContext(dir.resolve("work"));
    Files.writeString(dir.resolve("token"), token + "\n");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Serves the recording files, one after the other. */
  void replay(String... files) throws IOException {
    server =
        new ReplayServer(
            token,
            ReplayServer.recorded(
                Arrays.stream(files).map(f -> provider + "/" + f).toArray(String[]::new)));
  }

  /** Every recorded exchange was asked for, in order, and nothing else. */
  void assertServed() {
    assertThat(server.failures).isEmpty();
    assertThat(server.remaining()).isZero();
  }

  /** The provider's own options of the test zone (regions, project, ...). */
  abstract Map<String, String> settings();

  /** The provider's options with the token file, the replay server and {@code extra}. */
  Map<String, String> options(Map<String, String> extra) {
    Map<String, String> options = new HashMap<>(settings());
    options.put("credentials", dir.resolve("token").toString());
    if (server != null) {
      options.put("endpoint", server.url());
    }
    options.putAll(extra);
    return options;
  }

  DnsZone zone(Map<String, String> extra, int ttl) {
    return zoneOf(options(extra), ttl);
  }

  /** The provider's state file of the test zone. */
  Path stateFile(String zone) {
    return State.file(ctx.workDir(), provider, zone);
  }

  /** Three data centres; every view lists its own servers first, then the others nearest first. */
  static DnsZone zoneOf(Map<String, String> options, long ttl) {
    Map<String, Tier> tiers =
        Map.of(
            "london", tier("london", "lon", "203.0.113.11", "203.0.113.12"),
            "paris", tier("paris", "par", "203.0.113.21", "203.0.113.22"),
            "newyork", tier("newyork", "nyc", "198.51.100.31", "198.51.100.32"));
    return new DnsZone(
        "london-3dc.booty.test",
        "nats",
        Duration.ofSeconds(ttl),
        Duration.ofSeconds(10),
        options,
        List.of(
            view("london", tiers, "london", "paris", "newyork"),
            view("paris", tiers, "paris", "london", "newyork"),
            view("newyork", tiers, "newyork", "london", "paris")));
  }

  private static View view(String dc, Map<String, Tier> tiers, String... order) {
    return new View(dc, dc, Map.of(), Arrays.stream(order).map(tiers::get).toList());
  }

  private static Tier tier(String dc, String prefix, String... addresses) {
    List<Target> targets =
        IntStream.range(0, addresses.length)
            .mapToObj(
                i ->
                    new Target(
                        prefix + "-" + (i + 1),
                        addresses[i],
                        4222,
                        "http://" + addresses[i] + ":8222/healthz"))
            .toList();
    return new Tier(dc, targets);
  }
}

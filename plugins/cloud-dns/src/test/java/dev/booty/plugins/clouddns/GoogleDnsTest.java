package dev.booty.plugins.clouddns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.DnsProvider.DnsPlan;
import dev.booty.api.DnsProvider.DnsZone;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plugin against Cloud DNS exchanges recorded after its published API v1 (files under
 * src/test/resources/exchanges/google-dns), replayed in order by a loopback server that checks
 * every request.
 */
class GoogleDnsTest extends ReplayTest {
  static final String TOKEN = "ya29.test-access-token-Qm2";
  static final String RRSETS = "/projects/booty-test/managedZones/booty-test-zone/rrsets";
  static final String BODY =
      "{\"name\":\"nats.london-3dc.booty.test.\",\"type\":\"A\",\"ttl\":30,\"routingPolicy\":{"
          + "\"healthCheck\":\"https://www.googleapis.com/compute/v1/projects/booty-test/global/healthChecks/nats-monitor\","
          + "\"geo\":{\"items\":["
          + "{\"location\":\"europe-west2\",\"healthCheckedTargets\":{\"externalEndpoints\":[\"203.0.113.11\",\"203.0.113.12\"]}},"
          + "{\"location\":\"europe-west9\",\"healthCheckedTargets\":{\"externalEndpoints\":[\"203.0.113.21\",\"203.0.113.22\"]}},"
          + "{\"location\":\"us-east4\",\"healthCheckedTargets\":{\"externalEndpoints\":[\"198.51.100.31\",\"198.51.100.32\"]}}],"
          + "\"enableFencing\":false}}}";

  private final GoogleDns dns = new GoogleDns(name -> null);

  GoogleDnsTest() {
    super(TOKEN, "google-dns");
  }

  @Test
  void thePlanIsTheExactCreateCallAndNoCredential() {
    DnsPlan plan = dns.plan(zone(Map.of(), 30), ctx);

    assertThat(plan.calls()).containsExactly("POST " + RRSETS + " " + BODY);
    assertThat(plan.jobs()).isEmpty();
    assertThat(plan.records())
        .first()
        .isEqualTo(
            "london (europe-west2): nats.london-3dc.booty.test A, ttl 30 s, healthy ones of"
                + " [203.0.113.11, 203.0.113.12], else the nearest location with a healthy server"
                + " (Google's geography; booty's order: london, paris, newyork)");
    assertThat(String.join("\n", plan.calls()) + plan.records()).doesNotContain(TOKEN);
    assertThat(ctx.workDir()).doesNotExist();
  }

  @Test
  void aFirstPublishCreatesTheRecordSetAndRecordsItThenThePlanIsEmpty() throws IOException {
    replay("create.json");

    assertThat(dns.publish(dns.plan(zone(Map.of(), 30), ctx), ctx)).isEmpty();

    assertServed();
    assertThat(Files.readString(stateFile("london-3dc.booty.test")))
        .contains(RRSETS + "/nats.london-3dc.booty.test./A")
        .doesNotContain(TOKEN);
    assertThat(dns.plan(zone(Map.of(), 30), ctx).calls()).isEmpty();
  }

  @Test
  void aChangedTtlPatchesTheRecordSet() throws IOException {
    replay("create.json", "patch.json");
    dns.publish(dns.plan(zone(Map.of(), 30), ctx), ctx);

    DnsPlan changed = dns.plan(zone(Map.of(), 60), ctx);
    assertThat(changed.calls())
        .containsExactly(
            "PATCH "
                + RRSETS
                + "/nats.london-3dc.booty.test./A "
                + BODY.replace("\"ttl\":30", "\"ttl\":60"));
    dns.publish(changed, ctx);

    assertServed();
    assertThat(dns.plan(zone(Map.of(), 60), ctx).calls()).isEmpty();
  }

  @Test
  void withdrawDeletesWhatWasRecorded() throws IOException {
    replay("create.json", "withdraw.json");
    dns.publish(dns.plan(zone(Map.of(), 30), ctx), ctx);

    dns.withdraw("london-3dc.booty.test", ctx);

    assertServed();
    assertThat(server.received.get(1))
        .isEqualTo("DELETE " + RRSETS + "/nats.london-3dc.booty.test./A");
    assertThat(stateFile("london-3dc.booty.test")).doesNotExist();
    dns.withdraw("london-3dc.booty.test", ctx); // nothing left is no error, and calls nothing
  }

  @Test
  void aRateLimitIsWaitedOutForItsRetryAfter() throws IOException {
    replay("rate-limited.json", "create.json");

    dns.publish(dns.plan(zone(Map.of(), 30), ctx), ctx);

    assertServed();
    assertThat(ctx.progress)
        .contains(
            "google-dns: POST "
                + RRSETS
                + " was rate-limited (HTTP 429); retrying in 1 s (1 of 3)");
  }

  @Test
  void anExpiredTokenNamesTheCallAndWhereTheTokenCameFromButNotTheToken() throws IOException {
    replay("expired-token.json");
    DnsPlan plan = dns.plan(zone(Map.of(), 30), ctx);

    assertThatThrownBy(() -> dns.publish(plan, ctx))
        .hasMessageStartingWith(
            "google-dns refused POST "
                + RRSETS
                + " (HTTP 401): the access token from file "
                + dir.resolve("token")
                + " is invalid, expired or lacks the permission")
        .hasMessageEndingWith(
            "Google says: Request had invalid authentication credentials. Expected OAuth 2 access"
                + " token, login cookie or other valid authentication credential."
                + " (UNAUTHENTICATED)")
        .message()
        .doesNotContain(TOKEN);
  }

  @Test
  void aTokenFromTheEnvironmentIsNamedByItsVariable() throws IOException {
    replay("expired-token.json");
    GoogleDns fromEnv = new GoogleDns(Map.of("GCP_TOKEN", TOKEN)::get);
    Map<String, String> options = options(Map.of());
    options.remove("credentials");
    options.put("tokenEnv", "GCP_TOKEN");

    assertThatThrownBy(() -> fromEnv.publish(fromEnv.plan(zoneOf(options, 30), ctx), ctx))
        .hasMessageContaining("the access token from env GCP_TOKEN is invalid")
        .message()
        .doesNotContain(TOKEN);
  }

  @Test
  void aFailedCreateRecordsNothingAndTheNextPublishMakesIt() throws IOException {
    replay("failed.json", "create.json");
    DnsZone zone = zone(Map.of(), 30);

    assertThatThrownBy(() -> dns.publish(dns.plan(zone, ctx), ctx))
        .hasMessage(
            "google-dns: POST "
                + RRSETS
                + " failed (HTTP 500): Google says: Internal error encountered. (INTERNAL)");
    assertThat(dns.plan(zone, ctx).calls()).containsExactly("POST " + RRSETS + " " + BODY);
    dns.withdraw(zone.zone(), ctx); // nothing was made: nothing to delete, no call
    dns.publish(dns.plan(zone, ctx), ctx);

    assertServed();
    assertThat(dns.plan(zone, ctx).calls()).isEmpty();
  }

  @Test
  void missingOptionsAreNamed() {
    Map<String, String> options = options(Map.of());
    options.remove("region.paris");
    assertThatThrownBy(() -> dns.plan(zoneOf(options, 30), ctx))
        .hasMessageStartingWith("google-dns: dns option region.paris is missing");
    options.put("region.paris", "europe-west9");
    options.remove("healthCheck");
    assertThatThrownBy(() -> dns.plan(zoneOf(options, 30), ctx))
        .hasMessageStartingWith("google-dns: dns option healthCheck is missing");
  }

  @Override
  Map<String, String> settings() {
    Map<String, String> options = new HashMap<>();
    options.put("project", "booty-test");
    options.put("managedZone", "booty-test-zone");
    options.put("healthCheck", "nats-monitor");
    options.put("region.london", "europe-west2");
    options.put("region.paris", "europe-west9");
    options.put("region.newyork", "us-east4");
    return options;
  }
}

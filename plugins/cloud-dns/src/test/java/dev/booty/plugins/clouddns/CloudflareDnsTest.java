package dev.booty.plugins.clouddns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.DnsProvider.DnsPlan;
import dev.booty.api.DnsProvider.DnsZone;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plugin against Cloudflare exchanges recorded after its published API v4 (files under
 * src/test/resources/exchanges/cloudflare), replayed in order by a loopback server that checks
 * every request.
 */
class CloudflareDnsTest extends ReplayTest {
  static final String TOKEN = "cf-test-token-Zx81qW";
  static final String ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";
  static final String ACCOUNT = "01a7362d577a6c3019a474fd6f485823";

  private final CloudflareDns dns = new CloudflareDns(name -> null);

  CloudflareDnsTest() {
    super(TOKEN, "cloudflare");
  }

  @Test
  void thePlanListsTheExactCallsOfAFirstDeployAndNoCredential() throws IOException {
    DnsPlan plan = dns.plan(zone(Map.of(), 30), ctx);

    assertThat(plan.calls())
        .containsExactly(
            "GET /zones?name=london-3dc.booty.test",
            "POST /accounts/${account}/load_balancers/monitors {\"type\":\"http\",\"method\":\"GET\","
                + "\"path\":\"/healthz\",\"port\":8222,\"interval\":10,\"timeout\":5,\"retries\":1,"
                + "\"expected_codes\":\"200\",\"description\":\"booty nats.london-3dc.booty.test\"}",
            "POST /accounts/${account}/load_balancers/pools {\"name\":\"nats-london-3dc-booty-test-london\","
                + "\"description\":\"booty nats.london-3dc.booty.test: servers of london\",\"enabled\":true,"
                + "\"minimum_origins\":1,\"monitor\":\"${monitor}\",\"origins\":["
                + "{\"name\":\"lon-1\",\"address\":\"203.0.113.11\",\"enabled\":true,\"weight\":1},"
                + "{\"name\":\"lon-2\",\"address\":\"203.0.113.12\",\"enabled\":true,\"weight\":1}]}",
            plan.calls().get(3),
            plan.calls().get(4),
            "POST /zones/${zone}/load_balancers {\"name\":\"nats.london-3dc.booty.test\","
                + "\"description\":\"booty: nats.london-3dc.booty.test answers each data centre its own servers\","
                + "\"ttl\":30,\"proxied\":false,\"steering_policy\":\"geo\","
                + "\"default_pools\":[\"${pool.london}\",\"${pool.paris}\",\"${pool.newyork}\"],"
                + "\"fallback_pool\":\"${pool.paris}\","
                + "\"region_pools\":{\"WEU\":[\"${pool.london}\",\"${pool.paris}\",\"${pool.newyork}\"],"
                + "\"ENAM\":[\"${pool.newyork}\",\"${pool.london}\",\"${pool.paris}\"]},"
                + "\"country_pools\":{\"FR\":[\"${pool.paris}\",\"${pool.london}\",\"${pool.newyork}\"]}}");
    assertThat(plan.calls().get(3))
        .startsWith(
            "POST /accounts/${account}/load_balancers/pools {\"name\":\"nats-london-3dc-booty-test-paris\"");
    assertThat(plan.calls().get(4)).contains("\"198.51.100.31\"", "\"198.51.100.32\"");
    assertThat(plan.jobs()).isEmpty();
    assertThat(plan.records())
        .containsExactly(
            "london (region WEU): nats.london-3dc.booty.test A, ttl 30 s, first healthy of london"
                + " [203.0.113.11, 203.0.113.12], then paris [203.0.113.21, 203.0.113.22], then"
                + " newyork [198.51.100.31, 198.51.100.32]",
            "paris (country FR): nats.london-3dc.booty.test A, ttl 30 s, first healthy of paris"
                + " [203.0.113.21, 203.0.113.22], then london [203.0.113.11, 203.0.113.12], then"
                + " newyork [198.51.100.31, 198.51.100.32]",
            "newyork (region ENAM): nats.london-3dc.booty.test A, ttl 30 s, first healthy of newyork"
                + " [198.51.100.31, 198.51.100.32], then london [203.0.113.11, 203.0.113.12], then"
                + " paris [203.0.113.21, 203.0.113.22]");
    assertThat(String.join("\n", plan.calls()) + plan.records() + plan.data())
        .doesNotContain(TOKEN);
    assertThat(ctx.workDir()).doesNotExist(); // planning records nothing
  }

  @Test
  void aFirstPublishCreatesEverythingAndRecordsItThenThePlanIsEmpty() throws IOException {
    replay("create.json");

    Map<String, List<String>> resolvers = dns.publish(dns.plan(zone(Map.of(), 30), ctx), ctx);

    assertThat(resolvers).isEmpty(); // clouds answer through public resolvers
    assertServed();
    String state = Files.readString(stateFile("london-3dc.booty.test"));
    assertThat(state)
        .contains(
            ZONE_ID,
            ACCOUNT,
            "f1aba936b94213e5b8dca0c0dbf1f9cc",
            "699d98642c564d2e855e9661899b7252")
        .doesNotContain(TOKEN);
    assertThat(ctx.progress).contains("cloudflare: GET /zones?name=london-3dc.booty.test");

    assertThat(dns.plan(zone(Map.of(), 30), ctx).calls()).isEmpty();
  }

  @Test
  void aChangedTtlUpdatesOnlyTheLoadBalancer() throws IOException {
    replay("create.json");
    dns.publish(dns.plan(zone(Map.of(), 30), ctx), ctx);

    List<String> calls = dns.plan(zone(Map.of(), 60), ctx).calls();

    assertThat(calls).hasSize(1);
    assertThat(calls.get(0))
        .startsWith("PUT /zones/" + ZONE_ID + "/load_balancers/699d98642c564d2e855e9661899b7252 {")
        .contains("\"ttl\":60", "\"default_pools\":[\"17b5962d775c646f3f9725cbc7a53df4\"");
  }

  @Test
  void withdrawDeletesExactlyWhatWasRecordedNewestFirst() throws IOException {
    replay("create.json", "withdraw.json");
    dns.publish(dns.plan(zone(Map.of(), 30), ctx), ctx);

    dns.withdraw("london-3dc.booty.test", ctx);

    assertServed();
    assertThat(server.received.subList(6, 11))
        .containsExactly(
            "DELETE /zones/" + ZONE_ID + "/load_balancers/699d98642c564d2e855e9661899b7252",
            "DELETE /accounts/"
                + ACCOUNT
                + "/load_balancers/pools/ff02c959d17f7bb2b1184a202e3c0af7",
            "DELETE /accounts/"
                + ACCOUNT
                + "/load_balancers/pools/9290f38c5d07c2e2f4df57b1f61d4196",
            "DELETE /accounts/"
                + ACCOUNT
                + "/load_balancers/pools/17b5962d775c646f3f9725cbc7a53df4",
            "DELETE /accounts/"
                + ACCOUNT
                + "/load_balancers/monitors/f1aba936b94213e5b8dca0c0dbf1f9cc");
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
            "cloudflare: GET /zones?name=london-3dc.booty.test was rate-limited (HTTP 429);"
                + " retrying in 1 s (1 of 3)");
  }

  @Test
  void anExpiredTokenNamesTheCallAndWhereTheTokenCameFromButNotTheToken() throws IOException {
    replay("expired-token.json");
    DnsPlan plan = dns.plan(zone(Map.of(), 30), ctx);

    assertThatThrownBy(() -> dns.publish(plan, ctx))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "cloudflare refused GET /zones?name=london-3dc.booty.test (HTTP 403): the API token"
                + " from file "
                + dir.resolve("token")
                + " is invalid, expired or lacks the permission: Cloudflare says: Invalid access"
                + " token (code 9109)")
        .message()
        .doesNotContain(TOKEN);
  }

  @Test
  void aTokenFromTheEnvironmentIsNamedByItsVariable() throws IOException {
    replay("expired-token.json");
    CloudflareDns fromEnv = new CloudflareDns(Map.of("CF_TOKEN", TOKEN)::get);
    Map<String, String> options = new HashMap<>(options(Map.of()));
    options.remove("credentials");
    options.put("tokenEnv", "CF_TOKEN");
    DnsZone zone = zoneOf(options, 30);

    assertThatThrownBy(() -> fromEnv.publish(fromEnv.plan(zone, ctx), ctx))
        .hasMessageContaining("the API token from env CF_TOKEN is invalid")
        .message()
        .doesNotContain(TOKEN);
    options.put("tokenEnv", "NO_SUCH_TOKEN");
    assertThatThrownBy(() -> fromEnv.publish(fromEnv.plan(zoneOf(options, 30), ctx), ctx))
        .hasMessage(
            "cloudflare: no API token: set the environment variable NO_SUCH_TOKEN (dns option"
                + " tokenEnv) or name a file in dns option credentials");
  }

  @Test
  void aHalfDoneApplyIsFinishedByTheNextPublish() throws IOException {
    replay("half-done.json", "finish.json");
    DnsZone zone = zone(Map.of("zoneId", ZONE_ID, "accountId", ACCOUNT), 30);

    assertThatThrownBy(() -> dns.publish(dns.plan(zone, ctx), ctx))
        .hasMessage(
            "cloudflare: POST /accounts/"
                + ACCOUNT
                + "/load_balancers/pools failed (HTTP 500): Cloudflare says: Internal server error"
                + " while creating the pool (code 1002)");
    State state = dns.state(ctx.workDir(), zone.zone());
    assertThat(state.resources())
        .extracting(State.Resource::key)
        .containsExactly("monitor", "pool.london");

    List<String> rest = dns.plan(zone, ctx).calls();
    assertThat(rest)
        .extracting(c -> c.substring(0, c.indexOf(" {")))
        .containsExactly(
            "POST /accounts/" + ACCOUNT + "/load_balancers/pools",
            "POST /accounts/" + ACCOUNT + "/load_balancers/pools",
            "POST /zones/" + ZONE_ID + "/load_balancers");
    dns.publish(dns.plan(zone, ctx), ctx);

    assertServed();
    assertThat(dns.plan(zone, ctx).calls()).isEmpty();
  }

  @Test
  void withdrawAfterAHalfDoneApplyRemovesWhatExists() throws IOException {
    replay("half-done.json", "withdraw-half-done.json");
    DnsZone zone = zone(Map.of("zoneId", ZONE_ID, "accountId", ACCOUNT), 30);
    assertThatThrownBy(() -> dns.publish(dns.plan(zone, ctx), ctx))
        .hasMessageContaining("HTTP 500");

    dns.withdraw(zone.zone(), ctx);

    assertServed();
    assertThat(stateFile(zone.zone())).doesNotExist();
  }

  @Test
  void aDataCentreWithoutARegionIsRefusedNamingTheOption() {
    Map<String, String> options = new HashMap<>(options(Map.of()));
    options.remove("region.newyork");

    assertThatThrownBy(() -> dns.plan(zoneOf(options, 30), ctx))
        .hasMessageStartingWith(
            "cloudflare: dns option region.newyork is missing: name the Cloudflare region(s)");
  }

  @Override
  Map<String, String> settings() {
    Map<String, String> options = new HashMap<>();
    options.put("region.london", "WEU");
    options.put("country.paris", "FR");
    options.put("region.newyork", "ENAM");
    return options;
  }
}

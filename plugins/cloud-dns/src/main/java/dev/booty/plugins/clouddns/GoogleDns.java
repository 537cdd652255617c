package dev.booty.plugins.clouddns;

import dev.booty.api.PluginContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.pf4j.Extension;

/**
 * Geo DNS on Google Cloud DNS ({@link GeoRecord}): one record set with a geo routing policy answers
 * each data centre's region with its own healthy servers, else the nearest healthy location. The
 * record set is created, patched and deleted (the {@code resourceRecordSets} methods) by the flow
 * of {@link CloudDnsProvider}.
 *
 * <p>Options ({@code dns.options}): {@code project}, {@code managedZone} (the managed zone holding
 * the name); {@code region.DC} and {@code healthCheck} (see {@link GeoRecord}); {@code tokenEnv}
 * (default {@code GOOGLE_OAUTH_ACCESS_TOKEN}) or {@code credentials} (a file holding an OAuth
 * access token); {@code endpoint} (default Cloud DNS API v1).
 */
@Extension
public final class GoogleDns extends CloudDnsProvider {

  public GoogleDns() {
    this(System::getenv);
  }

  /** With the environment given: tests cannot set real environment variables. */
  GoogleDns(Function<String, String> env) {
    super(CloudDnsApi.SERVICE, env);
  }

  @Override
  List<String> records(DnsZone zone) {
    return new GeoRecord(zone).records();
  }

  @Override
  ApiClient api(String endpoint, Token token, PluginContext context) {
    return new CloudDnsApi(endpoint, token, context);
  }

  @Override
  List<Call> calls(DnsZone zone, State state) {
    String body = Json.write(new GeoRecord(zone).body());
    String rrsets =
        "/projects/"
            + option(zone, "project")
            + "/managedZones/"
            + option(zone, "managedZone")
            + "/rrsets";
    List<Call> calls = new ArrayList<>();
    reconcile(calls, state, GeoRecord.KEY, rrsets, body, "PATCH");
    return calls;
  }

  /** A record set is named by its name and type, not by an id the answer gives. */
  @Override
  State.Resource created(Call call, Object result, DnsZone zone) {
    String path =
        call.path() + "/" + URLEncoder.encode(zone.fqdn() + ".", StandardCharsets.UTF_8) + "/A";
    return new State.Resource(call.key(), zone.fqdn() + "./A", path, call.body());
  }

  /** A required option, or an error naming it. */
  static String option(DnsZone zone, String key) {
    String value = zone.options().get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "google-dns: dns option "
              + key
              + " is missing: "
              + ("project".equals(key)
                  ? "the Google Cloud project holding the managed zone"
                  : "the managed zone (its name in Cloud DNS) that holds " + zone.zone()));
    }
    return value.strip();
  }
}

package dev.booty.core.client.browser;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.booty.core.backchannel.protocol.Subjects;
import dev.booty.core.client.ClientConfig;
import dev.booty.core.util.Json;

/**
 * The argument of the page's {@code booty.start(config)}: the run, where to report, the back
 * channel, and each client's {@link ClientConfig} with durations in milliseconds and bootstrap and
 * profile by their scenario ids.
 */
final class PageConfig {
  private PageConfig() {}

  static ObjectNode of(BrowserHost.Settings s) {
    ObjectNode page = Json.MAPPER.createObjectNode();
    page.put("run", s.run())
        .put("scenario", s.scenario())
        .put("reportSubject", Subjects.clientReports(s.scenario()))
        .put("controlPlane", s.controlPlaneWs())
        .put("creds", s.reportCreds());
    ArrayNode clients = page.putArray("clients");
    for (ClientConfig c : s.clients()) {
      clients.add(client(c));
    }
    return page;
  }

  static ObjectNode client(ClientConfig c) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", c.id()).put("dc", c.dc()).put("group", c.group());
    ArrayNode servers = o.putArray("servers");
    c.servers().forEach(servers::add);
    o.put("subject", c.subject()).put("rate", c.rate()).put("size", c.size());
    ArrayNode kinds = o.putArray("kinds");
    c.kinds().forEach(kinds::add);
    o.put("pingIntervalMs", c.pingInterval().toMillis())
        .put("maxPingsOut", c.maxPingsOut())
        .put("requestTimeoutMs", c.requestTimeout().toMillis())
        .put("replicas", c.replicas())
        .put("placement", c.placement())
        .put("respond", c.respond())
        .put("connectTimeoutMs", c.connectTimeout().toMillis())
        .put("bootstrap", c.bootstrap().id())
        .put("profile", c.profile().id());
    return o;
  }
}

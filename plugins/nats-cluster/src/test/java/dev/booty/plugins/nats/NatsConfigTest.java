package dev.booty.plugins.nats;

import static dev.booty.plugins.nats.ServerLayoutTest.dc;
import static dev.booty.plugins.nats.ServerLayoutTest.threeByThree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.plugins.nats.ServerLayout.Server;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NatsConfigTest {
  private static final List<String> DCS = List.of("london", "amsterdam", "dallas");
  private static final Pattern ANY_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

  private final ServerLayout layout = ServerLayout.of(threeByThree());

  private static NatsConfig.Settings settings(Map<String, String> options) {
    return NatsConfig.Settings.of(options);
  }

  private String render(String server, Map<String, String> options) {
    Server self =
        layout.servers().stream().filter(s -> s.name().equals(server)).findFirst().orElseThrow();
    return NatsConfig.render(self, layout, DCS, settings(options));
  }

  /** The text of the block opened by {@code name {} up to its closing brace at column 0. */
  private static String block(String config, String name) {
    int start = config.indexOf("\n" + name + " {\n");
    assertThat(start).as("block " + name + " in:\n" + config).isNotNegative();
    int end = config.indexOf("\n}\n", start + 1);
    return config.substring(start + 1, end + 3);
  }

  private static String line(String text, String key) {
    return text.lines()
        .filter(l -> l.strip().startsWith(key + ":"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + key + " in:\n" + text));
  }

  @Test
  void defaultsAreTheUsualNatsPortsJetstreamOnWebsocketOff() {
    NatsConfig.Settings s = settings(Map.of());
    assertThat(s)
        .isEqualTo(
            new NatsConfig.Settings(4222, 6222, 7222, 8222, 8080, true, false, "30s", false, null));
  }

  @Test
  void aServerListensAndServesMonitoringOnItsOwnAddress() {
    String c = render("ams-2", Map.of());

    assertThat(line(c, "server_name")).isEqualTo("server_name: \"ams-2\"");
    assertThat(line(c, "listen")).isEqualTo("listen: \"127.77.2.12:4222\"");
    assertThat(line(c, "http")).isEqualTo("http: \"127.77.2.12:8222\"");
    assertThat(line(c, "client_advertise"))
        .isEqualTo("client_advertise: \"ams-2.nats.booty:4222\"");
    assertThat(line(c, "server_tags")).isEqualTo("server_tags: [\"dc:amsterdam\"]");
    assertThat(line(c, "lame_duck_duration")).isEqualTo("lame_duck_duration: \"30s\"");
  }

  @Test
  void routesGoToEveryServerOfItsDataCentreItselfIncluded() {
    String cluster = block(render("ams-2", Map.of()), "cluster");

    assertThat(line(cluster, "name")).isEqualTo("  name: \"amsterdam\"");
    assertThat(line(cluster, "listen")).isEqualTo("  listen: \"127.77.2.12:6222\"");
    // nats-server skips the route to itself; it counts it when it sizes the meta group
    assertThat(line(cluster, "routes"))
        .isEqualTo(
            "  routes: [\"nats://127.77.2.11:6222\", \"nats://127.77.2.12:6222\","
                + " \"nats://127.77.2.13:6222\"]");
  }

  /**
   * At its first start a nats-server sizes the JetStream meta group as its routes plus the
   * addresses of its gateways' URLs (server/raft.go, bootstrapRaftNode). That must be every server
   * of the super-cluster: one short, and in two data centres of n servers each one alone is a
   * quorum (n of 2n - 1), elects a meta leader of its own before the gateways join them, and the
   * other's servers are never current with the meta leader.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5})
  void everyServerExpectsTheWholeSuperClusterInItsMetaGroup(int perDataCentre) {
    for (int dcs = 2; dcs <= 3; dcs++) {
      List<dev.booty.api.HostingProvider.HostedDataCenter> hosted = new java.util.ArrayList<>();
      List<String> names = List.of("london", "dallas", "amsterdam").subList(0, dcs);
      for (int i = 0; i < dcs; i++) {
        hosted.add(dc(names.get(i), i + 1, perDataCentre));
      }
      ServerLayout l = ServerLayout.of(hosted);
      int total = dcs * perDataCentre;
      for (Server server : l.servers()) {
        String c = NatsConfig.render(server, l, names, settings(Map.of()));
        String routes = line(block(c, "cluster"), "routes");
        long expected =
            countOf(routes, "nats://")
                + block(c, "gateway")
                    .lines()
                    .filter(g -> g.contains("{name:"))
                    .mapToLong(g -> countOf(g, "nats://"))
                    .sum();
        assertThat(expected)
            .as("meta group size %s expects in %d x %d", server.name(), dcs, perDataCentre)
            .isEqualTo(total);
        assertThat(expected / 2 + 1)
            .as("quorum of %s: more than one data centre's servers", server.name())
            .isGreaterThan(perDataCentre);
      }
    }
  }

  private static long countOf(String text, String what) {
    return text.split(Pattern.quote(what), -1).length - 1;
  }

  @Test
  void aLoneServerRoutesToItself() {
    ServerLayout lone = ServerLayout.of(List.of(dc("london", 1, 1), dc("dallas", 3, 2)));
    String c =
        NatsConfig.render(
            lone.in("london").getFirst(), lone, List.of("london", "dallas"), settings(Map.of()));

    assertThat(line(block(c, "cluster"), "routes"))
        .isEqualTo("  routes: [\"nats://127.77.1.11:6222\"]");
  }

  @Test
  void gatewaysReachTheOtherDataCentresByHostNameOnly() {
    String gateway = block(render("ams-2", Map.of()), "gateway");

    assertThat(line(gateway, "name")).isEqualTo("  name: \"amsterdam\"");
    assertThat(line(gateway, "listen")).isEqualTo("  listen: \"127.77.2.12:7222\"");
    assertThat(line(gateway, "advertise")).isEqualTo("  advertise: \"ams-2.nats.booty:7222\"");
    List<String> remotes = gateway.lines().filter(l -> l.contains("{name:")).toList();
    assertThat(remotes)
        .containsExactly(
            "    {name: \"london\", urls: [\"nats://lon-1.nats.booty:7222\","
                + " \"nats://lon-2.nats.booty:7222\", \"nats://lon-3.nats.booty:7222\"]}",
            "    {name: \"dallas\", urls: [\"nats://dal-1.nats.booty:7222\","
                + " \"nats://dal-2.nats.booty:7222\", \"nats://dal-3.nats.booty:7222\"]}");
    // an address here would be dialled directly, around the WAN link
    String afterListen = gateway.substring(gateway.indexOf("advertise"));
    assertThat(ANY_ADDRESS.matcher(afterListen).find()).as(afterListen).isFalse();
  }

  @Test
  void jetstreamAndWebsocketBlocksFollowTheirSwitches() {
    String both = render("lon-1", Map.of("jetstream", "true", "websocket", "true"));
    assertThat(block(both, "jetstream")).contains("max_file_store");
    assertThat(block(both, "websocket"))
        .isEqualTo("websocket {\n  listen: \"127.77.1.11:8080\"\n  no_tls: true\n}\n");

    String none = render("lon-1", Map.of("jetstream", "false", "websocket", "false"));
    assertThat(none).doesNotContain("jetstream {").doesNotContain("websocket {");
    // the rest stays
    assertThat(none).contains("cluster {").contains("gateway {");
  }

  @Test
  void portOptionsMoveEveryListener() {
    String c =
        render(
            "dal-1",
            Map.of(
                "clientPort", "14222",
                "clusterPort", "16222",
                "gatewayPort", "17222",
                "monitorPort", "18222",
                "websocketPort", "18080",
                "websocket", "true",
                "lameDuckDuration", "5s"));

    assertThat(line(c, "listen")).isEqualTo("listen: \"127.77.3.11:14222\"");
    assertThat(line(c, "http")).isEqualTo("http: \"127.77.3.11:18222\"");
    assertThat(line(c, "client_advertise")).endsWith(":14222\"");
    assertThat(line(c, "lame_duck_duration")).isEqualTo("lame_duck_duration: \"5s\"");
    assertThat(line(block(c, "cluster"), "routes")).contains("127.77.3.12:16222");
    assertThat(block(c, "gateway")).contains("dal-1.nats.booty:17222", "lon-1.nats.booty:17222");
    assertThat(block(c, "gateway")).doesNotContain(":7222\"");
    assertThat(line(block(c, "websocket"), "listen")).isEqualTo("  listen: \"127.77.3.11:18080\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "65536", "-1", "http", "42x", ""})
  void aBadPortIsRefusedNamingTheKey(String value) {
    assertThatThrownBy(() -> settings(Map.of("gatewayPort", value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cluster option gatewayPort: '" + value + "' is no port");
  }

  /** Operator mode's options as booty's deploy adds them (shortened JWTs). */
  static final Map<String, String> JWT =
      Map.of(
          "auth", "jwt",
          "operatorJwt", "eyJop.x.y",
          "systemAccount", "ASYS",
          "accountJwts", "ASYS=eyJsys.x.y,AAPP=eyJapp.x.y");

  private String renderIn(String server, Map<String, String> options, String dir) {
    Server self =
        layout.servers().stream().filter(s -> s.name().equals(server)).findFirst().orElseThrow();
    return NatsConfig.render(self, layout, DCS, settings(options), new NatsConfig.TlsFiles(dir));
  }

  @Test
  void tlsPutsClientsRoutesGatewaysAndWebsocketOnTlsAndLeavesMonitoringPlain() {
    String c = renderIn("ams-2", Map.of("tls", "true", "websocket", "true"), "/s");

    // clients: TLS required, no client certificate asked for
    assertThat(block(c, "tls"))
        .isEqualTo(
            "tls {\n"
                + "  cert_file: \"/s/nats-server.pem\"\n"
                + "  key_file: \"/s/nats-server-key.pem\"\n"
                + "  ca_file: \"/s/nats-ca.pem\"\n"
                + "  timeout: 5\n"
                + "}\n");
    // routes and gateways: each side verifies the other's certificate against booty's CA
    String peers =
        "  tls {\n"
            + "    cert_file: \"/s/nats-server.pem\"\n"
            + "    key_file: \"/s/nats-server-key.pem\"\n"
            + "    ca_file: \"/s/nats-ca.pem\"\n"
            + "    verify: true\n"
            + "    timeout: 5\n"
            + "  }\n";
    assertThat(block(c, "cluster")).endsWith(peers + "}\n");
    assertThat(block(c, "gateway")).endsWith(peers + "}\n");
    assertThat(block(c, "websocket"))
        .isEqualTo(
            "websocket {\n  listen: \"127.77.2.12:8080\"\n  tls {\n"
                + "    cert_file: \"/s/nats-server.pem\"\n"
                + "    key_file: \"/s/nats-server-key.pem\"\n  }\n}\n");
    // Nomad's health check and booty's probes read monitoring over plain HTTP
    assertThat(line(c, "http")).isEqualTo("http: \"127.77.2.12:8222\"");
    assertThat(c).doesNotContain("https").doesNotContain("no_tls");
  }

  @Test
  void inTheTaskTheTlsFilesAreInItsSecretsDirectoryAsNomadsTemplateNamesIt() {
    String c = render("lon-1", Map.of("tls", "true"));

    assertThat(line(block(c, "tls"), "cert_file"))
        .isEqualTo("  cert_file: \"{{ env `NOMAD_SECRETS_DIR` }}/nats-server.pem\"");
  }

  @Test
  void withoutTlsOrAuthTheConfigHasNeitherAsBefore() {
    String c = render("lon-1", Map.of("websocket", "true", "tls", "false", "auth", "none"));

    assertThat(c)
        .doesNotContain("tls {")
        .doesNotContain("verify")
        .doesNotContain("operator")
        .doesNotContain("resolver")
        .doesNotContain("authorization");
    assertThat(c).isEqualTo(render("lon-1", Map.of("websocket", "true")));
  }

  @Test
  void jwtRunsTheServerInOperatorModeWithTheAccountsPreloaded() {
    String c = render("dal-3", JWT);

    assertThat(line(c, "operator")).isEqualTo("operator: \"eyJop.x.y\"");
    assertThat(line(c, "system_account")).isEqualTo("system_account: \"ASYS\"");
    assertThat(line(c, "resolver")).isEqualTo("resolver: MEMORY");
    assertThat(block(c, "resolver_preload:").lines().toList())
        .containsExactly(
            "resolver_preload: {", "  AAPP: \"eyJapp.x.y\"", "  ASYS: \"eyJsys.x.y\"", "}");
    assertThat(block(c, "authorization")).isEqualTo("authorization {\n  timeout: 6\n}\n");
  }

  @Test
  void badTlsOrAuthOptionsAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> settings(Map.of("tls", "yes")))
        .hasMessage("cluster option tls: 'yes' is not true or false");
    assertThatThrownBy(() -> settings(Map.of("auth", "token")))
        .hasMessage("cluster option auth: 'token' is not none or jwt");
    Map<String, String> noOperator = new java.util.HashMap<>(JWT);
    noOperator.remove("operatorJwt");
    assertThatThrownBy(() -> settings(noOperator))
        .hasMessageStartingWith("cluster option auth: jwt needs the option operatorJwt too");
    Map<String, String> noSystem = new java.util.HashMap<>(JWT);
    noSystem.put("accountJwts", "AAPP=eyJapp.x.y");
    assertThatThrownBy(() -> settings(noSystem))
        .hasMessage("cluster option accountJwts: no JWT for the system account ASYS");
    Map<String, String> badPair = new java.util.HashMap<>(JWT);
    badPair.put("accountJwts", "ASYS=eyJsys.x.y,AAPP");
    assertThatThrownBy(() -> settings(badPair))
        .hasMessage("cluster option accountJwts: 'AAPP' is not PUBLIC_KEY=JWT");
  }

  @Test
  void theSameServerRendersTheSameText() {
    assertThat(render("lon-2", Map.of())).isEqualTo(render("lon-2", Map.of()));
    assertThat(render("lon-2", Map.of())).isNotEqualTo(render("lon-3", Map.of()));
  }
}

package dev.booty.plugins.powerdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.booty.api.DnsChaos.State;
import dev.booty.api.DnsProvider.DnsZone;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DNS faults without a running server: the zone frozen, the signals sent, the files kept. */
class PowerDnsChaosTest {
  private static final Path BINARY =
      Path.of("/home/u/.booty/components/pdns-server/4.7.3/bin/pdns_server");

  @TempDir Path tmp;

  private final DnsZone zone =
      PowerDnsTest.zone(Map.of("dns.address", "127.77.1.2", "host", "127.77.1.1"));

  @Test
  void staleReplacesOnlyTheLuaRecordWithARecordsOfTheAnswerKeepingItsTtl() {
    String serving = ZoneFiles.zone(zone, zone.views().getFirst());
    String stale = ZoneFiles.stale(serving, "nats", List.of("127.77.1.11", "127.77.1.12"));

    assertThat(stale).doesNotContain("LUA").doesNotContain("ifurlup");
    assertThat(stale.lines().filter(l -> !l.startsWith(";")).toList())
        .containsExactly(
            "$ORIGIN local-3dc.booty.test.",
            "$TTL 30",
            "@ IN SOA ns.local-3dc.booty.test. hostmaster.local-3dc.booty.test. 1 3600 600 86400 30",
            "@ IN NS ns.local-3dc.booty.test.",
            "ns IN A 127.77.1.2",
            "nats 30 IN A 127.77.1.11",
            "nats 30 IN A 127.77.1.12");
    assertThat(stale).endsWith("\n").doesNotEndWith("\n\n");
    assertThatThrownBy(() -> ZoneFiles.stale(serving, "other", List.of("127.0.0.1")))
        .hasMessage("the zone has no LUA record named other");
    assertThatThrownBy(() -> ZoneFiles.stale(serving, "nats", List.of()))
        .hasMessage("no addresses to answer nats with");
  }

  @Test
  void nomadsRunningAllocationIsPickedFromTheJobsAllocationList() {
    String list =
        """
        [{"ID":"a1","EvalID":"e1","ClientStatus":"complete","DesiredStatus":"stop",
          "TaskStates":{"pdns_server":{"State":"dead","Events":[{"Type":"Killed","ID":"x"}]}}},
         {"ID":"a2","NodeID":"n\\u0031","ClientStatus":"running","DesiredStatus":"run",
          "TaskStates":{"pdns_server":{"State":"running","Restarts":0,"Failed":false}},
          "CreateIndex":12,"Meta":null},
         {"ID":"a3","ClientStatus":"pending","DesiredStatus":"run"}]
        """;
    assertThat(NomadSignals.running(list, "j")).containsExactly("a2");
    assertThat(NomadSignals.running("[]", "j")).isEmpty();
    assertThatThrownBy(() -> NomadSignals.running("{\"ID\":1}", "s-dns-london"))
        .hasMessageContaining("Nomad's allocations of job s-dns-london are no JSON list");
    assertThatThrownBy(() -> NomadSignals.running("[{\"ID\":", "s-dns-london"))
        .hasMessageContaining(
            "Nomad's allocations of job s-dns-london are no JSON: JSON at offset");
  }

  @Test
  void nomadSignalsTheTaskOfTheRunningAllocation() throws Exception {
    List<String> posted = new CopyOnWriteArrayList<>();
    HttpServer nomad = HttpServer.create(new InetSocketAddress("127.97.0.1", 0), 8);
    nomad.createContext(
        "/v1/job/local-3dc-dns-london/allocations",
        x ->
            reply(
                x,
                200,
                "[{\"ID\":\"old\",\"ClientStatus\":\"failed\"},"
                    + "{\"ID\":\"0f3e\",\"ClientStatus\":\"running\"}]"));
    nomad.createContext("/v1/job/gone/allocations", x -> reply(x, 200, "[]"));
    nomad.createContext(
        "/v1/client/allocation/0f3e/signal",
        x -> {
          posted.add(
              x.getRequestMethod()
                  + " "
                  + new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          reply(x, 200, "{}");
        });
    nomad.createContext(
        "/v1/job/refused/allocations",
        x -> reply(x, 200, "[{\"ID\":\"r\",\"ClientStatus\":\"running\"}]"));
    nomad.createContext("/v1/client/allocation/r/signal", x -> reply(x, 500, "invalid signal"));
    nomad.start();
    try {
      NomadSignals signals =
          new NomadSignals("http://127.97.0.1:" + nomad.getAddress().getPort() + "/");
      assertThat(signals.signal("local-3dc-dns-london", "SIGSTOP")).isTrue();
      assertThat(posted).containsExactly("POST {\"Signal\":\"SIGSTOP\",\"Task\":\"pdns_server\"}");
      assertThat(signals.signal("gone", "SIGCONT")).isFalse();
      assertThatThrownBy(() -> signals.signal("refused", "SIGSTOP"))
          .hasMessageContaining("/v1/client/allocation/r/signal with 500: invalid signal");
    } finally {
      nomad.stop(0);
    }
  }

  @Test
  void downFreezesTheJobsTaskAndServingContinuesItAndRestoresTheRenderedZone() throws Exception {
    List<String> sent = new ArrayList<>();
    boolean[] running = {true};
    PowerDns dns =
        new PowerDns(
            ctx ->
                (job, signal) -> {
                  sent.add(job + " " + signal);
                  return running[0];
                });
    FakeContext ctx = new FakeContext(BINARY, tmp.resolve("work"));
    dns.publish(dns.plan(zone, ctx), ctx);
    ServerFolder london = ServerFolder.of(ctx, "london");
    assertThat(london.read("local-3dc.booty.test", "london"))
        .isEqualTo(
            new ServerFolder.Server(
                "local-3dc.booty.test", "nats", "127.77.1.2", 53, "local-3dc-dns-london"));

    dns.dns("local-3dc.booty.test", "london", State.DOWN, ctx);
    assertThat(sent).containsExactly("local-3dc-dns-london SIGSTOP");

    // as the job's task leaves it, then a stale fault: serving writes the rendered zone back. No
    // allocation runs, so nothing is reloaded (the next start copies the rendered zone anyway)
    String rendered = ZoneFiles.zone(zone, zone.views().getFirst());
    Files.writeString(london.serving(), rendered);
    london.writeZone(ZoneFiles.stale(rendered, "nats", List.of("127.77.1.11")));
    running[0] = false;
    dns.dns("local-3dc.booty.test", "london", State.SERVING, ctx);
    dns.dns("local-3dc.booty.test", "london", State.SERVING, ctx);
    assertThat(Files.readString(london.zone())).isEqualTo(rendered);
    assertThat(sent).endsWith("local-3dc-dns-london SIGCONT", "local-3dc-dns-london SIGCONT");

    assertThatThrownBy(() -> dns.dns("local-3dc.booty.test", "london", State.DOWN, ctx))
        .hasMessage(
            "no allocation of job local-3dc-dns-london runs: the DNS of data centre london"
                + " cannot be frozen");
    assertThatThrownBy(() -> dns.dns("local-3dc.booty.test", "dallas", State.DOWN, ctx))
        .hasMessageContaining("no PowerDNS of data centre dallas was published")
        .hasMessageContaining("dallas/server.properties is missing");
    assertThatThrownBy(() -> dns.dns("other.test", "london", State.SERVING, ctx))
        .hasMessageContaining("is for zone local-3dc.booty.test, not other.test");
  }

  @Test
  void aFolderTooDeepForTheControlSocketIsRefusedAtPlan() {
    Path deep = tmp.resolve("x".repeat(60)).resolve("y".repeat(60));
    assertThatThrownBy(() -> new PowerDns().plan(zone, new FakeContext(BINARY, deep)))
        .hasMessageContaining("pdns.controlsocket would be longer than 107 bytes");
  }

  private static void reply(com.sun.net.httpserver.HttpExchange x, int status, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(status, b.length);
    x.getResponseBody().write(b);
    x.close();
  }
}

package dev.booty.plugins.powerdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import dev.booty.api.DnsProvider.DnsZone;
import dev.booty.api.DnsProvider.Target;
import dev.booty.api.DnsProvider.Tier;
import dev.booty.api.DnsProvider.View;
import dev.booty.core.testing.TestBinaries;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real PowerDNS (booty's pdns-server component) serving a rendered zone on 127.96.0.53:53: it
 * answers the healthy first tier, and the second tier once the first's health URL answers 503.
 */
class PowerDnsServerIT {
  private static final String DNS = "127.96.0.53";
  private static final Duration INTERVAL = Duration.ofSeconds(2);

  @TempDir Path tmp;

  @Test
  void answersTheFirstHealthyTierAndFailsOverWithinIntervalPlusTimeout() throws Exception {
    AtomicInteger status1 = new AtomicInteger(200);
    HttpServer one = health("127.96.0.11", 0, status1);
    int port = one.getAddress().getPort();
    HttpServer two = health("127.96.0.12", port, new AtomicInteger(200));
    Process pdns = null;
    try {
      DnsZone zone =
          new DnsZone(
              "pdns-it.booty.test",
              "nats",
              Duration.ofSeconds(5),
              INTERVAL,
              Map.of(),
              List.of(
                  new View(
                      "t1",
                      "t1",
                      Map.of("dns.address", DNS),
                      List.of(tier("t1", "127.96.0.11", port), tier("t2", "127.96.0.12", port)))));
      View view = zone.views().getFirst();
      String key = PowerDns.apiKey("it", "t1");
      ZoneFiles.Settings settings = ZoneFiles.Settings.of(Map.of("apiPort", "18581"));
      Files.writeString(
          tmp.resolve("pdns.conf"), ZoneFiles.pdnsConf(zone, view, settings, key, tmp.toString()));
      Files.writeString(tmp.resolve("named.conf"), ZoneFiles.namedConf(zone, tmp.toString()));
      Files.writeString(tmp.resolve("zone.db"), ZoneFiles.zone(zone, view));

      Path binary = TestBinaries.binary("pdns-server");
      pdns =
          new ProcessBuilder(binary.toString(), "--config-dir=" + tmp, "--socket-dir=" + tmp)
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("pdns.log").toFile())
              .start();

      String name = zone.fqdn();
      // until the first checks ran PowerDNS answers at random: wait for the healthy first tier
      List<String> first = awaitAnswer(name, List.of("127.96.0.11"), Duration.ofSeconds(15), pdns);
      assertThat(first).containsExactly("127.96.0.11");
      // the API the job's Consul check reads answers with the zone
      HttpResponse<String> api =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://"
                                  + DNS
                                  + ":18581/api/v1/servers/localhost/zones/"
                                  + zone.zone()
                                  + "."))
                      .header("X-API-Key", key)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
      assertThat(api.body()).contains("nats.pdns-it.booty.test.");

      long[] latencies = new long[200];
      for (int i = 0; i < latencies.length; i++) {
        long t0 = System.nanoTime();
        assertThat(query(name)).containsExactly("127.96.0.11");
        latencies[i] = System.nanoTime() - t0;
      }
      Arrays.sort(latencies);

      status1.set(503);
      long down = System.nanoTime();
      Duration bound = INTERVAL.plusSeconds(ZoneFiles.checkTimeout(INTERVAL)).plusSeconds(1);
      List<String> after = awaitAnswer(name, List.of("127.96.0.12"), bound, pdns);
      long failover = System.nanoTime() - down;
      assertThat(after).containsExactly("127.96.0.12");

      status1.set(200);
      long up = System.nanoTime();
      awaitAnswer(name, List.of("127.96.0.11"), bound, pdns);
      long failback = System.nanoTime() - up;
      System.out.printf(
          "powerdns: resolution latency median %.2f ms, p99 %.2f ms (200 UDP queries);"
              + " unhealthy -> second tier answered after %d ms, healthy again -> first tier after"
              + " %d ms (check interval %d s, timeout %d s)%n",
          latencies[100] / 1e6,
          latencies[197] / 1e6,
          failover / 1_000_000,
          failback / 1_000_000,
          INTERVAL.toSeconds(),
          ZoneFiles.checkTimeout(INTERVAL));
    } finally {
      if (pdns != null) {
        pdns.destroy();
        if (!pdns.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          pdns.destroyForcibly().waitFor();
        }
      }
      one.stop(0);
      two.stop(0);
    }
  }

  private static Tier tier(String dc, String address, int port) {
    return new Tier(
        dc,
        List.of(
            new Target(dc + "-1", address, 4222, "http://" + address + ":" + port + "/healthz")));
  }

  private static HttpServer health(String address, int port, AtomicInteger status)
      throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(address, port), 16);
    s.createContext(
        "/healthz",
        x -> {
          byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(status.get(), body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    s.start();
    return s;
  }

  private List<String> awaitAnswer(String name, List<String> want, Duration within, Process pdns)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    List<String> last = List.of();
    while (System.nanoTime() < deadline) {
      if (!pdns.isAlive()) {
        fail(
            "pdns_server exited "
                + pdns.exitValue()
                + ": "
                + Files.readString(tmp.resolve("pdns.log")));
      }
      try {
        last = query(name);
        if (last.equals(want)) {
          return last;
        }
      } catch (IOException e) {
        last = List.of(e.toString());
      }
      Thread.sleep(50);
    }
    fail(
        "no answer "
            + want
            + " for "
            + name
            + " within "
            + within
            + " (last: "
            + last
            + ")\n"
            + Files.readString(tmp.resolve("pdns.log")));
    return last;
  }

  /** One A query over UDP to the server under test; the addresses answered. */
  static List<String> query(String name) throws IOException {
    ByteBuffer q = ByteBuffer.allocate(512);
    int id = (int) (System.nanoTime() & 0xffff);
    q.putShort((short) id).putShort((short) 0x0000).putShort((short) 1).putShort((short) 0);
    q.putShort((short) 0).putShort((short) 0);
    for (String label : name.split("\\.")) {
      q.put((byte) label.length()).put(label.getBytes(StandardCharsets.US_ASCII));
    }
    q.put((byte) 0).putShort((short) 1).putShort((short) 1);
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(2000);
      s.send(new DatagramPacket(q.array(), q.position(), InetAddress.getByName(DNS), 53));
      byte[] buf = new byte[1500];
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      s.receive(p);
      ByteBuffer r = ByteBuffer.wrap(buf, 0, p.getLength());
      if ((r.getShort() & 0xffff) != id) {
        throw new IOException("answer to another query");
      }
      int flags = r.getShort() & 0xffff;
      if ((flags & 0xf) != 0) {
        throw new IOException("rcode " + (flags & 0xf));
      }
      int qd = r.getShort(), an = r.getShort();
      r.getShort();
      r.getShort();
      for (int i = 0; i < qd; i++) {
        skipName(r);
        r.getInt();
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < an; i++) {
        skipName(r);
        int type = r.getShort(), cls = r.getShort();
        r.getInt();
        int len = r.getShort() & 0xffff;
        byte[] data = new byte[len];
        r.get(data);
        if (type == 1 && cls == 1 && len == 4) {
          out.add(InetAddress.getByAddress(data).getHostAddress());
        }
      }
      return out.stream().sorted().toList();
    }
  }

  private static void skipName(ByteBuffer r) {
    while (true) {
      int len = r.get() & 0xff;
      if (len == 0) {
        return;
      }
      if ((len & 0xc0) == 0xc0) {
        r.get();
        return;
      }
      r.position(r.position() + len);
    }
  }
}

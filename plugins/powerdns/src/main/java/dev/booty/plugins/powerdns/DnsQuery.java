package dev.booty.plugins.powerdns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One A query over UDP, written and read here: what a data centre's server answers now, asked
 * before its answers are frozen (the plugin carries no DNS library for two dozen lines).
 */
final class DnsQuery {
  private DnsQuery() {}

  /**
   * The IPv4 addresses {@code server:port} answers for {@code name}, sorted.
   *
   * @throws SocketTimeoutException when no answer came within {@code timeout}
   * @throws IOException when the answer is an error (its rcode named) or unreadable
   */
  static List<String> a(String server, int port, String name, Duration timeout) throws IOException {
    ByteBuffer q = ByteBuffer.allocate(512);
    int id = ThreadLocalRandom.current().nextInt(0x10000);
    // header: id, flags 0 (a query, no recursion wanted), one question
    q.putShort((short) id).putShort((short) 0).putShort((short) 1);
    q.putShort((short) 0).putShort((short) 0).putShort((short) 0);
    for (String label : name.split("\\.")) {
      if (label.isEmpty() || label.length() > 63) {
        throw new IllegalArgumentException("'" + name + "' is no DNS name");
      }
      q.put((byte) label.length()).put(label.getBytes(StandardCharsets.US_ASCII));
    }
    q.put((byte) 0).putShort((short) 1).putShort((short) 1);
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout((int) Math.max(1, timeout.toMillis()));
      s.send(new DatagramPacket(q.array(), q.position(), InetAddress.getByName(server), port));
      byte[] buf = new byte[4096];
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.receive(p);
        ByteBuffer r = ByteBuffer.wrap(buf, 0, p.getLength());
        if (p.getLength() >= 2 && (r.getShort(0) & 0xffff) == id) {
          return answers(r, server, name);
        }
        // a late answer to someone else's query: wait on for ours
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new SocketTimeoutException("no answer from " + server + ":" + port);
        }
        s.setSoTimeout((int) left);
      }
    }
  }

  private static List<String> answers(ByteBuffer r, String server, String name) throws IOException {
    try {
      r.getShort();
      int flags = r.getShort() & 0xffff;
      if ((flags & 0xf) != 0) {
        throw new IOException(server + " answered " + name + " with rcode " + (flags & 0xf));
      }
      int qd = r.getShort() & 0xffff;
      int an = r.getShort() & 0xffff;
      r.getShort();
      r.getShort();
      for (int k = 0; k < qd; k++) {
        skipName(r);
        r.getInt();
      }
      List<String> out = new ArrayList<>();
      for (int k = 0; k < an; k++) {
        skipName(r);
        int type = r.getShort() & 0xffff;
        int cls = r.getShort() & 0xffff;
        r.getInt();
        byte[] data = new byte[r.getShort() & 0xffff];
        r.get(data);
        if (type == 1 && cls == 1 && data.length == 4) {
          out.add(InetAddress.getByAddress(data).getHostAddress());
        }
      }
      return out.stream().sorted().toList();
    } catch (BufferUnderflowException e) {
      throw new IOException(server + "'s answer for " + name + " is cut short");
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

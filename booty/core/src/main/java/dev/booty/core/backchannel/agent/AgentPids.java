package dev.booty.core.backchannel.agent;

import dev.booty.core.backchannel.protocol.Protocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process that listens on an address and port of this host, found the way {@code ss -p} does:
 * the socket's inode from {@code /proc/net/tcp} (or {@code tcp6}), then the process whose {@code
 * /proc/PID/fd} holds that socket. nats-server does not report its pid on {@code /varz}, so this is
 * how the agent finds whom to signal; it sees the host's pid of a server in a container on the host
 * network too. A pid found is remembered by server name while its process lives (same start time),
 * so a fault signals at once instead of searching first.
 */
final class AgentPids {
  private static final int LISTEN = 0x0A;

  private final Path proc;
  private final Map<String, Known> known = new ConcurrentHashMap<>();

  /** A pid found for a server, and when its process started (a reused pid starts later). */
  private record Known(long pid, Instant started) {}

  AgentPids(Path proc) {
    this.proc = proc;
  }

  /** The pid remembered for {@code server}, while that very process still runs. */
  OptionalLong remembered(String server) {
    Known k = known.get(server);
    if (k != null && started(k.pid()).filter(k.started()::equals).isPresent()) {
      return OptionalLong.of(k.pid());
    }
    known.remove(server);
    return OptionalLong.empty();
  }

  void remember(String server, long pid) {
    started(pid).ifPresent(at -> known.put(server, new Known(pid, at)));
  }

  void forget(String server) {
    known.remove(server);
  }

  private static Optional<Instant> started(long pid) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .flatMap(h -> h.info().startInstant());
  }

  /** The pid listening on {@code address:port} (or on the wildcard address and that port). */
  OptionalLong listening(String address, int port) throws IOException {
    InetAddress want;
    try {
      want = InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IOException("cannot resolve " + address + ": " + Protocol.reason(e));
    }
    long inode = -1;
    for (String table : new String[] {"tcp", "tcp6"}) {
      Path file = proc.resolve("net").resolve(table);
      if (inode < 0 && Files.isReadable(file)) {
        inode = inode(Files.readString(file), want, port);
      }
    }
    if (inode <= 0) {
      return OptionalLong.empty();
    }
    String socket = "socket:[" + inode + "]";
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path pid : pids) {
        if (holds(pid.resolve("fd"), socket)) {
          return OptionalLong.of(Long.parseLong(pid.getFileName().toString()));
        }
      }
    }
    return OptionalLong.empty();
  }

  /**
   * The inode of the listening socket on {@code want:port} in a {@code /proc/net/tcp} or {@code
   * tcp6} table, -1 when none; a socket on the wildcard address counts.
   */
  static long inode(String table, InetAddress want, int port) {
    for (String line : table.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 10 || !f[1].contains(":") || f[0].equals("sl")) {
        continue;
      }
      String[] local = f[1].split(":");
      if (Integer.parseInt(local[1], 16) != port || Integer.parseInt(f[3], 16) != LISTEN) {
        continue;
      }
      byte[] addr = address(local[0]);
      if (isWildcard(addr) || sameAddress(addr, want.getAddress())) {
        return Long.parseLong(f[9]);
      }
    }
    return -1;
  }

  /** The kernel writes each 32-bit word of the address in host (little-endian) order. */
  private static byte[] address(String hex) {
    byte[] raw = HexFormat.of().parseHex(hex);
    byte[] out = new byte[raw.length];
    for (int w = 0; w < raw.length; w += 4) {
      for (int i = 0; i < 4; i++) {
        out[w + i] = raw[w + 3 - i];
      }
    }
    return out;
  }

  private static boolean isWildcard(byte[] addr) {
    for (byte b : addr) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** Equal, also an IPv4 address against its IPv4-mapped IPv6 form. */
  private static boolean sameAddress(byte[] table, byte[] want) {
    if (table.length == want.length) {
      return java.util.Arrays.equals(table, want);
    }
    if (table.length == 16 && want.length == 4) {
      for (int i = 0; i < 10; i++) {
        if (table[i] != 0) {
          return false;
        }
      }
      return table[10] == (byte) 0xff
          && table[11] == (byte) 0xff
          && java.util.Arrays.equals(java.util.Arrays.copyOfRange(table, 12, 16), want);
    }
    return false;
  }

  private static boolean holds(Path fds, String socket) {
    try (DirectoryStream<Path> links = Files.newDirectoryStream(fds)) {
      for (Path fd : links) {
        try {
          if (Files.readSymbolicLink(fd).toString().equals(socket)) {
            return true;
          }
        } catch (IOException e) {
          // gone or not ours to read: next
        }
      }
    } catch (IOException e) {
      // a process we may not look into, or one that ended
    }
    return false;
  }
}

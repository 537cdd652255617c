package dev.booty.dev.bench;

import dev.booty.core.BootyException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nats-servers a bench starts itself on free loopback ports: one plain server, or a cluster of
 * several routed to each other. {@link #close} ends each of them by its pid (and whatever else the
 * bench registered with {@link #own}), and a shutdown hook does the same if the JVM is stopped
 * first.
 */
final class LoopbackNats implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(10);
  private static final Duration STOP = Duration.ofSeconds(5);

  private final List<Process> processes = new ArrayList<>();
  private final List<Process> servers = new ArrayList<>();
  private final List<String> urls = new ArrayList<>();
  private final List<String> websocketUrls = new ArrayList<>();
  private final Thread hook = new Thread(this::killAll, "booty-bench-cleanup");
  private static final long TICKS_PER_SECOND = clockTicks();

  private LoopbackNats() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Starts {@code count} servers (a cluster when more than one), config and logs in {@code dir}.
   */
  static LoopbackNats start(Path binary, Path dir, int count) throws IOException {
    return start(binary, dir, count, false);
  }

  /**
   * As {@link #start(Path, Path, int)}, each server with a websocket listener too when {@code
   * websocket} ({@link #websocketUrls}).
   */
  static LoopbackNats start(Path binary, Path dir, int count, boolean websocket)
      throws IOException {
    LoopbackNats n = new LoopbackNats();
    try {
      int[] ports = freePorts(count);
      int[] routes = freePorts(count);
      int[] ws = freePorts(count);
      for (int i = 0; i < count; i++) {
        StringBuilder conf = new StringBuilder();
        conf.append("listen: \"127.0.0.1:").append(ports[i]).append("\"\n");
        conf.append("server_name: \"bench-").append(i + 1).append("\"\n");
        if (websocket) {
          conf.append("websocket { listen: \"127.0.0.1:")
              .append(ws[i])
              .append("\", no_tls: true }\n");
        }
        if (count > 1) {
          conf.append("cluster { name: \"bench\", listen: \"127.0.0.1:")
              .append(routes[i])
              .append("\", routes: [");
          for (int j = 0; j < count; j++) {
            conf.append(j > 0 ? ", " : "")
                .append("\"nats://127.0.0.1:")
                .append(routes[j])
                .append('"');
          }
          conf.append("] }\n");
        }
        Path file = dir.resolve("bench-" + (i + 1) + ".conf");
        Files.writeString(file, conf);
        Process p =
            new ProcessBuilder(binary.toString(), "-c", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("bench-" + (i + 1) + ".log").toFile())
                .start();
        n.processes.add(p);
        n.servers.add(p);
        n.urls.add("nats://127.0.0.1:" + ports[i]);
        if (websocket) {
          n.websocketUrls.add("ws://127.0.0.1:" + ws[i]);
        }
        awaitPort(ports[i], p, file);
      }
      return n;
    } catch (IOException | RuntimeException e) {
      n.close();
      throw e;
    }
  }

  List<String> urls() {
    return urls;
  }

  /** The servers' websocket URLs; empty unless started with websocket listeners. */
  List<String> websocketUrls() {
    return websocketUrls;
  }

  /** Registers another process (a natscli run) to end on {@link #close}. */
  Process own(Process p) {
    processes.add(p);
    return p;
  }

  /** CPU time all servers used so far, in nanoseconds (from /proc). */
  long serverCpuNanos() {
    long ticks = 0;
    for (Process p : servers) {
      try {
        String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command: state is field 3, utime 14 and stime 15 of the whole line
        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }
    return ticks * 1_000_000_000L / TICKS_PER_SECOND;
  }

  /**
   * Wraps {@code command} in a shell that, when it ends, writes its own /proc stat to {@code stat}:
   * the CPU its waited-for child used (see {@link #childCpuNanos}).
   */
  static List<String> measured(Path stat, List<String> command) {
    List<String> out =
        new ArrayList<>(
            List.of(
                "sh", "-c", "\"$@\"; c=$?; cat /proc/$$/stat > \"$0\"; exit $c", stat.toString()));
    out.addAll(command);
    return out;
  }

  /** CPU time (user and system) of the children of a {@link #measured} command, nanoseconds. */
  static long childCpuNanos(Path stat) throws IOException {
    String line = Files.readString(stat);
    String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
    // cutime and cstime are fields 16 and 17 of the whole line
    return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 1_000_000_000L / TICKS_PER_SECOND;
  }

  @Override
  public void close() {
    killAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs
    }
  }

  private void killAll() {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          p.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void awaitPort(int port, Process p, Path conf) throws IOException {
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw BootyException.failure(
            "nats-server with " + conf + " exited " + p.exitValue() + "; see its log beside it");
      }
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted waiting for 127.0.0.1:" + port, ie);
        }
      }
    }
    throw BootyException.failure(
        "nats-server with " + conf + ": nothing listens on 127.0.0.1:" + port + " after 10 s");
  }

  private static int[] freePorts(int n) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    int[] ports = new int[n];
    try {
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        ports[i] = s.getLocalPort();
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    return ports;
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      p.waitFor();
      return Long.parseLong(out);
    } catch (IOException | RuntimeException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}

package dev.booty.plugins.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real OpenSSH servers on this machine, each a "host" with its own loopback address and its own
 * filesystem view, for tests of what booty does over SSH.
 *
 * <p>Each host is Debian's {@code sshd} started by {@code unshare --mount} in a mount namespace of
 * its own. There {@code /opt}, {@code /var/lib} and {@code /run} are overlays whose writable layer
 * is a tmpfs of the host's own: a host sees this machine's files, but what it writes there (booty's
 * {@code /opt/booty}, {@code /var/lib/booty}) no other host and not this machine sees, and it is
 * gone with the namespace. {@link #files} lists exactly what a host changed under {@code /opt} and
 * {@code /var/lib} (the overlays' upper layers), so a test can compare before and after.
 *
 * <p>Needs root (mounts, port 22), {@code unshare}, {@code nsenter}, {@code ssh-keygen} and {@code
 * /usr/sbin/sshd}. Close it (try-with-resources or JUnit's {@code @AutoClose}): it ends the {@code
 * sshd}s it started and whatever still runs in their namespaces, and removes its temp folder, also
 * when the test failed.
 */
public final class SshTestHosts implements AutoCloseable {

  /** The trees overlaid per host, whose changes {@link #files} lists. */
  static final List<String> OVERLAID = List.of("/opt", "/var/lib", "/run");

  private static final List<String> LISTED = List.of("/opt", "/var/lib");
  private static final String SSHD = "/usr/sbin/sshd";
  private static final String SFTP_SERVER = "/usr/lib/openssh/sftp-server";

  /**
   * How one host differs from a plain one.
   *
   * @param machine what {@code uname -m} answers on the host, empty for the real one
   * @param diskSize the size of the host's writable layer (tmpfs {@code size=}), e.g. {@code 1m}
   */
  public record HostOptions(Optional<String> machine, String diskSize) {
    public static HostOptions plain() {
      return new HostOptions(Optional.empty(), "256m");
    }

    public HostOptions withMachine(String machine) {
      return new HostOptions(Optional.of(machine), diskSize);
    }

    public HostOptions withDiskSize(String size) {
      return new HostOptions(machine, size);
    }
  }

  /** One process in a host's namespace. */
  public record HostProcess(long pid, String command) {}

  /** One test host: where to reach it and how to log in. */
  public final class Host {
    private final int number;
    private final String address;
    private final Path dir;
    private final HostOptions options;
    private Process sshd;
    private String namespace;

    private Host(int number, String address, Path dir, HostOptions options) {
      this.number = number;
      this.address = address;
      this.dir = dir;
      this.options = options;
    }

    public String address() {
      return address;
    }

    public int port() {
      return 22;
    }

    public String user() {
      return "root";
    }

    /** The private key whose public half the host authorizes. */
    public Path keyFile() {
      return userKey;
    }

    /** The host's public key as a known_hosts line ({@code ADDRESS ssh-ed25519 AAAA...}). */
    public String knownHostsLine() {
      try {
        String[] pub = Files.readString(dir.resolve("host_key.pub")).trim().split("\\s+");
        return address + " " + pub[0] + " " + pub[1];
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The host's sshd's PID (the namespace's first process). */
    public long pid() {
      return sshd.pid();
    }

    /** What sshd wrote to its stderr so far (for failure messages). */
    public String sshdLog() {
      try {
        return Files.readString(dir.resolve("sshd.log"));
      } catch (IOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }

    @Override
    public String toString() {
      return "test host " + number + " " + address;
    }
  }

  private final Path root;
  private final Path userKey;
  private final List<Host> hosts = new ArrayList<>();
  private final List<ServerSocket> heldPorts = new ArrayList<>();

  private SshTestHosts(Path root) throws IOException {
    this.root = root;
    this.userKey = root.resolve("user_key");
    keygen(userKey, "booty-test-user");
    Files.copy(root.resolve("user_key.pub"), root.resolve("authorized_keys"));
  }

  /** Starts {@code count} plain hosts at {@code subnet + 1}, {@code subnet + 2}, ... */
  public static SshTestHosts start(String subnet, int count) {
    List<HostOptions> options = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      options.add(HostOptions.plain());
    }
    return start(subnet, options);
  }

  /**
   * Starts one host per entry, at {@code subnet + 1}, ... ({@code subnet} like {@code
   * "127.0.90."}).
   */
  public static SshTestHosts start(String subnet, List<HostOptions> options) {
    SshTestHosts made = null;
    try {
      made = new SshTestHosts(Files.createTempDirectory("booty-ssh-hosts"));
      for (int i = 0; i < options.size(); i++) {
        int number = i + 1;
        Path dir = Files.createDirectories(made.root.resolve("host" + number));
        Host host = made.new Host(number, subnet + number, dir, options.get(i));
        keygen(dir.resolve("host_key"), "booty-test-host-" + number);
        made.hosts.add(host);
        made.launch(host);
      }
      return made;
    } catch (IOException | RuntimeException e) {
      if (made != null) {
        made.close();
      }
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  public List<Host> hosts() {
    return List.copyOf(hosts);
  }

  public Host host(int number) {
    return hosts.get(number - 1);
  }

  /** A fresh key pair the hosts do not authorize (its private key file). */
  public Path unauthorizedKey(String name) {
    Path key = root.resolve("other-" + name);
    keygen(key, "booty-test-" + name);
    return key;
  }

  /**
   * Sorted lines {@code TYPE MODE SIZE PATH} for everything the host created or changed under
   * {@code /opt} and {@code /var/lib} (directories' sizes left out).
   */
  public List<String> files(Host host) {
    List<String> lines = new ArrayList<>();
    for (String[] f : changed(host, "%y %m %s %P\\n", 4)) {
      String size = f[0].equals("d") ? "-" : f[2];
      lines.add(f[0] + " " + f[1] + " " + size + " " + f[3]);
    }
    lines.sort(Comparator.naturalOrder());
    return lines;
  }

  /** A regular file a host wrote: where, how big, when last modified (as {@code find} says). */
  public record WrittenFile(String path, long size, String modified) {}

  /**
   * The regular files the host created or changed under {@code /opt} and {@code /var/lib}, with
   * size and modification time: two of these, before and after a step, tell what the step wrote
   * ({@link #bytesWritten}).
   */
  public List<WrittenFile> writtenFiles(Host host) {
    List<WrittenFile> files = new ArrayList<>();
    for (String[] f : changed(host, "%y %s %T@ %P\\n", 4)) {
      if (f[0].equals("f")) {
        files.add(new WrittenFile(f[3], Long.parseLong(f[1]), f[2]));
      }
    }
    return files;
  }

  /** The bytes of the files in {@code after} that are not in {@code before} as they were. */
  public static long bytesWritten(List<WrittenFile> before, List<WrittenFile> after) {
    java.util.Set<WrittenFile> old = new java.util.HashSet<>(before);
    return after.stream().filter(f -> !old.contains(f)).mapToLong(WrittenFile::size).sum();
  }

  /**
   * {@code find -printf format} over the overlays' upper layers, each line split into {@code
   * fields} (the last one, the path relative to the tree, prefixed with the tree).
   */
  private List<String[]> changed(Host host, String format, int fields) {
    List<String[]> found = new ArrayList<>();
    for (String tree : LISTED) {
      Path upper = layer(host).resolve(upperName(tree));
      String out =
          run(
              List.of(
                  "nsenter",
                  "--mount=/proc/" + host.pid() + "/ns/mnt",
                  "find",
                  upper.toString(),
                  "-mindepth",
                  "1",
                  "-printf",
                  format));
      for (String line : out.split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(" ", fields);
        f[fields - 1] = tree + "/" + f[fields - 1];
        found.add(f);
      }
    }
    return found;
  }

  /**
   * Processes running in the host's mount namespace other than its sshd and the sessions' own
   * processes (anything whose ancestry reaches an sshd there), sorted by PID; zombies left out.
   */
  public List<HostProcess> processes(Host host) {
    Map<Long, Long> parents = new HashMap<>();
    Map<Long, String> commands = new HashMap<>();
    Map<Long, Boolean> sshd = new HashMap<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        long pid = Long.parseLong(proc.getFileName().toString());
        try {
          if (!Files.readSymbolicLink(proc.resolve("ns/mnt")).toString().equals(host.namespace)) {
            continue;
          }
          String stat = Files.readString(proc.resolve("stat"));
          String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          if (afterName[0].equals("Z")) {
            continue; // ended, waiting for a parent to reap it
          }
          parents.put(pid, Long.parseLong(afterName[1]));
          byte[] cmd = Files.readAllBytes(proc.resolve("cmdline"));
          commands.put(pid, new String(cmd, StandardCharsets.UTF_8).replace('\0', ' ').trim());
          Path exe = Files.readSymbolicLink(proc.resolve("exe"));
          // sftp-server belongs to a session too; when the session closes it is orphaned (its
          // ancestry no longer reaches sshd) for the moment it takes to end (seen under load)
          sshd.put(pid, exe.toString().equals(SSHD) || exe.toString().equals(SFTP_SERVER));
        } catch (IOException gone) {
          // the process ended while we looked
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<HostProcess> found = new ArrayList<>();
    for (Map.Entry<Long, String> e : commands.entrySet()) {
      if (!underSshd(e.getKey(), parents, sshd)) {
        found.add(new HostProcess(e.getKey(), e.getValue()));
      }
    }
    found.sort(Comparator.comparingLong(HostProcess::pid));
    return found;
  }

  private static boolean underSshd(long pid, Map<Long, Long> parents, Map<Long, Boolean> sshd) {
    for (Long p = pid; p != null && parents.containsKey(p); p = parents.get(p)) {
      if (sshd.getOrDefault(p, false)) {
        return true;
      }
    }
    return false;
  }

  /** Stops the host's sshd (the host becomes unreachable); what else runs there keeps running. */
  public void stop(Host host) {
    if (host.sshd != null && host.sshd.isAlive()) {
      host.sshd.destroy();
      try {
        if (!host.sshd.waitFor(10, TimeUnit.SECONDS)) {
          host.sshd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Stops the host, ends what ran in its namespace, and starts it afresh (a new, empty filesystem
   * layer), with a new host key when asked.
   */
  public void restart(Host host, boolean newHostKey) {
    stop(host);
    endNamespace(host);
    if (newHostKey) {
      try {
        Files.delete(host.dir.resolve("host_key"));
        Files.delete(host.dir.resolve("host_key.pub"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      keygen(host.dir.resolve("host_key"), "booty-test-host-" + host.number);
    }
    launch(host);
  }

  /** Holds a TCP port busy on the host's address until close. */
  public void holdPort(Host host, int port) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.bind(new InetSocketAddress(host.address, port));
      heldPorts.add(socket);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hold " + host.address + ":" + port, e);
    }
  }

  @Override
  public void close() {
    for (ServerSocket socket : heldPorts) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing left to do for a socket that will not close
      }
    }
    for (Host host : hosts) {
      stop(host);
      endNamespace(host);
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + root, e);
    }
  }

  private void launch(Host host) {
    try {
      Path config = host.dir.resolve("sshd_config");
      Files.writeString(
          config,
          String.join(
              "\n",
              "ListenAddress " + host.address + ":22",
              "HostKey " + host.dir.resolve("host_key"),
              "PidFile " + host.dir.resolve("sshd.pid"),
              "AuthorizedKeysFile " + root.resolve("authorized_keys"),
              "PermitRootLogin prohibit-password",
              "PasswordAuthentication no",
              "KbdInteractiveAuthentication no",
              "UsePAM no",
              "StrictModes no",
              "PrintMotd no",
              "Subsystem sftp /usr/lib/openssh/sftp-server",
              ""));
      Path layer = layer(host);
      Files.createDirectories(layer);
      StringBuilder script = new StringBuilder("set -e\n");
      script.append(
          "mount -t tmpfs -o size=%s,mode=755 booty-test-host %s\n"
              .formatted(host.options.diskSize(), layer));
      for (String tree : OVERLAID) {
        Path upper = layer.resolve(upperName(tree));
        Path work = layer.resolve(upperName(tree) + "-work");
        script.append("mkdir -p %s %s\n".formatted(upper, work));
        script.append(
            "mount -t overlay overlay -o lowerdir=%s,upperdir=%s,workdir=%s %s\n"
                .formatted(tree, upper, work, tree));
      }
      script.append("mkdir -p /run/sshd\n");
      if (host.options.machine().isPresent()) {
        // this host's uname answers another machine: a bind mount over the binary, seen only here
        Path real = host.dir.resolve("real-uname");
        Files.copy(Path.of("/usr/bin/uname"), real);
        Path fake = host.dir.resolve("uname");
        Files.writeString(
            fake,
            "#!/bin/sh\n%s \"$@\" | sed \"s/$(%s -m)/%s/g\"\n"
                .formatted(real, real, host.options.machine().get()));
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        script.append("mount --bind %s /usr/bin/uname\n".formatted(fake));
      }
      script.append("exec %s -D -e -f %s\n".formatted(SSHD, config));
      host.sshd =
          new ProcessBuilder(
                  "unshare", "--mount", "--propagation", "private", "sh", "-c", script.toString())
              .redirectErrorStream(true)
              .redirectOutput(host.dir.resolve("sshd.log").toFile())
              .start();
      awaitListening(host);
      host.namespace =
          Files.readSymbolicLink(Path.of("/proc/" + host.pid() + "/ns/mnt")).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + host, e);
    }
  }

  private static void awaitListening(Host host) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      if (!host.sshd.isAlive()) {
        throw new IllegalStateException(
            host + ": sshd exited (" + host.sshd.exitValue() + "): " + host.sshdLog());
      }
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress(host.address, 22), 500);
        return;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    throw new IllegalStateException(host + ": sshd not listening after 15 s: " + host.sshdLog());
  }

  /** Ends every process left in the host's namespace (all started through this harness). */
  private void endNamespace(Host host) {
    if (host.namespace == null) {
      return;
    }
    for (int round = 0; round < 50; round++) {
      List<Long> left = namespacePids(host.namespace);
      if (left.isEmpty()) {
        return;
      }
      for (long pid : left) {
        ProcessHandle.of(pid).ifPresent(p -> p.destroyForcibly());
      }
      sleep(100);
    }
  }

  private static List<Long> namespacePids(String namespace) {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          if (Files.readSymbolicLink(proc.resolve("ns/mnt")).toString().equals(namespace)) {
            pids.add(Long.parseLong(proc.getFileName().toString()));
          }
        } catch (IOException gone) {
          // ended meanwhile
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pids;
  }

  private Path layer(Host host) {
    return host.dir.resolve("layer");
  }

  private static String upperName(String tree) {
    return tree.substring(1).replace('/', '-');
  }

  private static void keygen(Path key, String comment) {
    run(
        List.of(
            "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", key.toString()));
  }

  private static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

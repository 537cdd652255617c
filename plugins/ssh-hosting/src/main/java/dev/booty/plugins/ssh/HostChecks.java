package dev.booty.plugins.ssh;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every host before anything is changed on any of them, all hosts at once: reachable, logged
 * in, host key trusted, Linux on the architecture of booty's binaries, the ports booty will listen
 * on free, and room for the files. Nothing is written on a host (the only write is booty's own
 * known_hosts, for a host whose new key the scenario accepts). Every problem of every host is
 * collected into one {@link SshHostException}, so the person fixes them in one round.
 */
final class HostChecks {

  /** Free space kept beyond the files themselves (logs, data, the agents' own state). */
  static final long DISK_MARGIN = 64L * 1024 * 1024;

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern SS_USER = Pattern.compile("users:\\(\\(\"([^\"]+)\",pid=(\\d+)");

  /**
   * What one host will get.
   *
   * @param ports the ports booty's agents will listen on, on the host's address
   * @param bytes the size of the files to copy
   * @param installRoot where they go (its nearest existing parent's free space counts)
   */
  record HostNeeds(SshHostSpec host, List<Integer> ports, long bytes, String installRoot) {
    HostNeeds {
      ports = List.copyOf(ports);
    }
  }

  private final KnownHosts knownHosts;
  private final Duration connectTimeout;
  private final String machine;
  private final Optional<String> findJdk;

  /**
   * @param machine the {@code uname -m} hosts must answer ({@link #localMachine()} for the binaries
   *     booty copies from this machine's home)
   */
  HostChecks(KnownHosts knownHosts, Duration connectTimeout, String machine) {
    this(knownHosts, connectTimeout, machine, Optional.empty());
  }

  /**
   * @param findJdk the text of the distribution's {@code bin/find-jdk}: when given, a host must
   *     have a JDK it finds (booty's agent and clients run there with it)
   */
  HostChecks(
      KnownHosts knownHosts, Duration connectTimeout, String machine, Optional<String> findJdk) {
    this.knownHosts = knownHosts;
    this.connectTimeout = connectTimeout;
    this.machine = machine;
    this.findJdk = findJdk;
  }

  /** This JVM's architecture as {@code uname -m} says it: x86_64 or aarch64. */
  static String localMachine() {
    return unameMachine(System.getProperty("os.arch"));
  }

  /** Go's and Java's names for an architecture mapped to the kernel's ({@code uname -m}). */
  static String unameMachine(String arch) {
    return switch (arch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64", "x64" -> "x86_64";
      case "arm64", "aarch64" -> "aarch64";
      default -> arch;
    };
  }

  /**
   * Checks all hosts in parallel.
   *
   * @throws SshHostException listing every problem found, each naming host and cause
   */
  void check(List<HostNeeds> hosts) {
    List<SshHostException.Problem> problems = new ArrayList<>();
    for (List<SshHostException.Problem> found : Parallel.map(hosts, this::problems)) {
      problems.addAll(found);
    }
    if (!problems.isEmpty()) {
      throw new SshHostException(
          problems.size()
              + (problems.size() == 1 ? " problem" : " problems")
              + " with the hosts; nothing was changed on any host:",
          problems);
    }
  }

  /** One host's problems, empty when it is fit. */
  List<SshHostException.Problem> problems(HostNeeds needs) {
    SshHostSpec host = needs.host();
    List<SshHostException.Problem> problems = new ArrayList<>();
    try (SshConnection ssh = SshConnection.connect(host, knownHosts, connectTimeout)) {
      for (String cause : checkSystem(ssh)) {
        problems.add(new SshHostException.Problem(host, cause));
      }
      for (String cause : checkPorts(ssh, needs)) {
        problems.add(new SshHostException.Problem(host, cause));
      }
      for (String cause : checkDisk(ssh, needs)) {
        problems.add(new SshHostException.Problem(host, cause));
      }
      for (String cause : checkJava(ssh)) {
        problems.add(new SshHostException.Problem(host, cause));
      }
    } catch (SshHostException e) {
      problems.addAll(e.problems());
    }
    return problems;
  }

  private List<String> checkSystem(SshConnection ssh) {
    SshConnection.Result r = ssh.exec("uname -sm", COMMAND_TIMEOUT);
    String[] words = r.stdout().strip().split("\\s+");
    if (!r.ok() || words.length != 2) {
      return List.of("cannot tell its system: 'uname -sm' answered '" + r.stdout().strip() + "'");
    }
    if (!words[0].equals("Linux")) {
      return List.of("runs " + words[0] + " " + words[1] + ", booty deploys to Linux only");
    }
    if (!unameMachine(words[1]).equals(machine)) {
      return List.of(
          "runs Linux "
              + words[1]
              + ", but booty's binaries are for "
              + machine
              + " ("
              + goArch(machine)
              + ")");
    }
    return List.of();
  }

  /** The JDK booty's launcher would pick on the host, by the launcher's own script. */
  private List<String> checkJava(SshConnection ssh) {
    if (findJdk.isEmpty()) {
      return List.of();
    }
    SshConnection.Result r =
        ssh.exec(
            "sh -c " + SshConnection.quote(findJdk.get()) + " find-jdk " + MIN_JAVA,
            COMMAND_TIMEOUT);
    if (r.ok() && !r.stdout().isBlank()) {
      return List.of();
    }
    return List.of(
        "has no JDK "
            + MIN_JAVA
            + "+ for booty's agent and clients (looked at $JAVA_HOME, java on PATH, /usr/lib/jvm,"
            + " /opt); install one, e.g. openjdk-"
            + MIN_JAVA
            + "-jdk-headless");
  }

  /** The Java feature version booty runs on. */
  static final int MIN_JAVA = 21;

  private List<String> checkPorts(SshConnection ssh, HostNeeds needs) {
    if (needs.ports().isEmpty()) {
      return List.of();
    }
    SshConnection.Result r = ssh.exec("ss -Htuln -p", COMMAND_TIMEOUT);
    if (!r.ok()) {
      return List.of(
          "cannot list its listening ports ('ss -Htuln -p' exited with "
              + r.exitCode()
              + ": "
              + r.stderr().strip()
              + ")");
    }
    Set<String> own = addressesOf(needs.host().address());
    List<String> problems = new ArrayList<>();
    for (int port : needs.ports()) {
      for (String line : r.stdout().split("\n")) {
        String busy = listenerOn(line, port, own);
        if (busy != null) {
          problems.add("port " + port + " is in use (" + busy + ")");
          break;
        }
      }
    }
    return problems;
  }

  /** What an {@code ss} line says listens on {@code port} at one of {@code own}, else null. */
  static String listenerOn(String line, int port, Set<String> own) {
    String[] f = line.trim().split("\\s+");
    int state = -1;
    for (int i = 0; i < f.length; i++) {
      if (f[i].equals("LISTEN") || f[i].equals("UNCONN")) {
        state = i;
        break;
      }
    }
    if (state < 0 || f.length < state + 4) {
      return null;
    }
    String netid = state > 0 ? f[0] : "tcp";
    String local = f[state + 3];
    int colon = local.lastIndexOf(':');
    if (colon < 0 || !local.substring(colon + 1).equals(Integer.toString(port))) {
      return null;
    }
    String address = local.substring(0, colon).replace("[", "").replace("]", "");
    int zone = address.indexOf('%');
    if (zone >= 0) {
      address = address.substring(0, zone);
    }
    if (address.startsWith("::ffff:")) {
      address = address.substring("::ffff:".length());
    }
    boolean wildcard = address.equals("*") || address.equals("0.0.0.0") || address.equals("::");
    if (!wildcard && !own.contains(address)) {
      return null;
    }
    Matcher user = SS_USER.matcher(line);
    String holder = user.find() ? " by " + user.group(1) + " pid " + user.group(2) : "";
    return netid + " " + local + holder;
  }

  private static Set<String> addressesOf(String address) {
    try {
      return new java.util.HashSet<>(
          List.of(address, InetAddress.getByName(address).getHostAddress()));
    } catch (UnknownHostException e) {
      return Set.of(address);
    }
  }

  private List<String> checkDisk(SshConnection ssh, HostNeeds needs) {
    String root = SshConnection.quote(needs.installRoot());
    SshConnection.Result r =
        ssh.exec(
            "d="
                + root
                + "; while [ ! -d \"$d\" ]; do d=$(dirname \"$d\"); done;"
                + " echo \"$d\"; df -Pk \"$d\" | tail -n 1",
            COMMAND_TIMEOUT);
    String[] lines = r.stdout().strip().split("\n");
    String[] df = lines.length == 2 ? lines[1].trim().split("\\s+") : new String[0];
    if (!r.ok() || df.length < 6) {
      return List.of(
          "cannot tell the free space under "
              + needs.installRoot()
              + " (df answered '"
              + r.stdout().strip()
              + r.stderr().strip()
              + "')");
    }
    long free = Long.parseLong(df[3]) * 1024;
    long wanted = needs.bytes() + DISK_MARGIN;
    if (free < wanted) {
      return List.of(
          "only "
              + mebibytes(free)
              + " free under "
              + lines[0]
              + " (for "
              + needs.installRoot()
              + "), needs "
              + mebibytes(wanted)
              + " ("
              + mebibytes(needs.bytes())
              + " of files and a margin of "
              + mebibytes(DISK_MARGIN)
              + ")");
    }
    return List.of();
  }

  private static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  private static String goArch(String machine) {
    return switch (machine) {
      case "x86_64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> machine;
    };
  }
}

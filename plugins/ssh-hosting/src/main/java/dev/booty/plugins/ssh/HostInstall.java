package dev.booty.plugins.ssh;

import static dev.booty.plugins.ssh.SshConnection.quote;

import dev.booty.plugins.ssh.HostManifest.Entry;
import dev.booty.plugins.ssh.HostManifest.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What booty puts on one host, and how it takes it away: files copied under the install root (each
 * verified by checksum, not copied again when already there), data folders, and long-running
 * commands (systemd units where systemd runs, else booty's own supervisor script). Every change is
 * recorded in the host's {@link HostManifest} before it is made; {@link #uninstall} undoes exactly
 * what the manifest names, also after an install that was interrupted.
 *
 * <p>One instance per host and connection; hosts are worked on in parallel by the caller.
 */
final class HostInstall {

  /**
   * Where booty's files go on a host.
   *
   * @param installRoot binaries, configuration, the supervisor ({@code /opt/booty})
   * @param dataRoot agents' data, logs, pidfiles ({@code /var/lib/booty})
   */
  record Layout(String installRoot, String dataRoot) {
    static final Layout DEFAULT = new Layout("/opt/booty", "/var/lib/booty");

    String install(String relative) {
      return installRoot + "/" + relative;
    }

    String data(String relative) {
      return dataRoot + "/" + relative;
    }
  }

  /**
   * A file to copy.
   *
   * @param path where, relative to the install root ({@code bin/nomad})
   * @param mode its permissions ({@code 0755})
   */
  record InstallFile(Path local, String path, int mode) {}

  /**
   * A long-running command.
   *
   * @param name a short name ({@code nomad}): the unit's and the log's name
   * @param command the program and its arguments, absolute paths
   */
  record Service(String name, List<String> command) {
    Service {
      if (!name.matches("[a-z0-9][a-z0-9-]*")) {
        throw new IllegalArgumentException(
            "service name '" + name + "': lower-case letters, digits and '-' only");
      }
      command = List.copyOf(command);
    }
  }

  /** What an uninstall left in place: directories booty made that hold something else now. */
  record Uninstalled(int removed, List<String> keptDirectories) {}

  static final String SUPERVISOR = "bin/booty-supervise";
  private static final String SUPERVISOR_RESOURCE = "/ssh/booty-supervise.sh";
  private static final String UNIT_DIR = "/etc/systemd/system";
  private static final Duration SHORT = Duration.ofSeconds(30);

  private final SshConnection ssh;
  private final HostManifest manifest;
  private final Layout layout;
  private final Set<String> knownDirectories = new HashSet<>();
  private Boolean systemd;

  HostInstall(SshConnection ssh, HostManifest manifest, Layout layout) {
    this.ssh = ssh;
    this.manifest = manifest;
    this.layout = layout;
  }

  /**
   * Copies the files that are not already there with the right checksum.
   *
   * @return how many were copied
   */
  int install(List<InstallFile> files) {
    // one command checksums every file already there (a distribution is dozens of them); each
    // file is then checked, its folders made and the file recorded before it is written, in turn
    List<String> remotes = files.stream().map(f -> layout.install(f.path())).toList();
    java.util.Map<String, String> there = ssh.sha256(remotes);
    java.util.Map<Integer, List<String>> keptByMode = new java.util.TreeMap<>();
    int copied = 0;
    for (int i = 0; i < files.size(); i++) {
      InstallFile file = files.get(i);
      String remote = remotes.get(i);
      String local = SshConnection.sha256(file.local());
      ensureDirectories(parent(remote));
      manifest.record(Kind.FILE, remote);
      if (there.getOrDefault(remote, "").equals(local)) {
        keptByMode.computeIfAbsent(file.mode(), m -> new ArrayList<>()).add(remote);
        continue;
      }
      ssh.upload(file.local(), remote, file.mode());
      copied++;
    }
    keptByMode.forEach(
        (mode, paths) ->
            ssh.check("chmod " + Integer.toOctalString(mode) + " " + join(paths), SHORT));
    return copied;
  }

  /** Writes a small generated file (a configuration) under the install root, when it differs. */
  boolean write(String path, byte[] content, int mode) {
    String remote = layout.install(path);
    ensureDirectories(parent(remote));
    manifest.record(Kind.FILE, remote);
    if (ssh.sha256(remote).equals(SshConnection.sha256(content))) {
      return false;
    }
    ssh.upload(content, remote, mode);
    return true;
  }

  /** A data folder, relative to the data root, whose contents are all booty's (removed whole). */
  String dataDirectory(String relative) {
    String dir = layout.data(relative);
    ensureDirectories(parent(dir));
    manifest.record(Kind.TREE, dir);
    ssh.check("mkdir -p " + quote(dir), SHORT);
    return dir;
  }

  /** Whether the host runs systemd (then services become units). */
  boolean systemd() {
    if (systemd == null) {
      systemd = ssh.exec("test -d /run/systemd/system", SHORT).ok();
    }
    return systemd;
  }

  /**
   * Starts a long-running command (if it does not run already): a systemd unit {@code booty-NAME}
   * where systemd runs, else under booty's supervisor, detached from the SSH session, its output in
   * {@code DATA/log/NAME.log}.
   */
  void start(Service service) {
    if (systemd()) {
      startUnit(service);
    } else {
      startSupervised(service);
    }
  }

  /** Stops a command started by {@link #start}, and waits until it has ended. */
  void stop(String name) {
    if (manifest.entries().contains(new Entry(Kind.UNIT, unitName(name)))) {
      stopUnit(unitName(name));
    } else {
      stopSupervised(name);
    }
  }

  /** Whether the supervisor of {@code name} runs (supervised commands only). */
  boolean running(String name) {
    return ssh.exec(supervisorAlive(pidFile(name)), SHORT).ok();
  }

  String logFile(String name) {
    return layout.data("log/" + name + ".log");
  }

  String pidFile(String name) {
    return layout.data("run/" + name + ".pid");
  }

  /**
   * Stops what the manifest names and removes its files, trees and (when empty) directories, then
   * the manifest. Safe to repeat: the manifest stays until everything went.
   */
  Uninstalled uninstall() {
    List<Entry> entries = new ArrayList<>(manifest.entries());
    java.util.Collections.reverse(entries);
    boolean units = false;
    for (Entry e : entries) {
      switch (e.kind()) {
        case SUPERVISED -> stopSupervised(e.value());
        case UNIT -> {
          stopUnit(e.value());
          units = true;
        }
        default -> {}
      }
    }
    int removed = 0;
    List<String> files = paths(entries, Kind.FILE);
    List<String> trees = paths(entries, Kind.TREE);
    if (!files.isEmpty() || !trees.isEmpty()) {
      StringBuilder rm = new StringBuilder();
      if (!files.isEmpty()) {
        rm.append("rm -f -- ").append(join(files)).append(" && ");
      }
      if (!trees.isEmpty()) {
        // never through a mount (an allocation's bind mount would take its source along): a tree
        // that still holds one fails the uninstall, and the manifest stays for the next try
        rm.append("rm -rf --one-file-system -- ").append(join(trees)).append(" && ");
      }
      ssh.check(rm.append("true").toString(), Duration.ofMinutes(2));
      removed += files.size() + trees.size();
    }
    if (units) {
      ssh.exec("systemctl daemon-reload", SHORT);
    }
    List<String> kept = new ArrayList<>();
    List<String> dirs = paths(entries, Kind.DIR);
    if (!dirs.isEmpty()) {
      // deepest first: the manifest lists parents before children, reversed above
      String out =
          ssh.check(
              "for d in "
                  + join(dirs)
                  + "; do rmdir -- \"$d\" 2>/dev/null; [ -d \"$d\" ] && echo \"$d\"; done; true",
              SHORT);
      for (String line : out.split("\n")) {
        if (!line.isBlank()) {
          kept.add(line);
        }
      }
      removed += dirs.size() - kept.size();
    }
    manifest.delete();
    knownDirectories.clear();
    return new Uninstalled(removed, kept);
  }

  private void startSupervised(Service service) {
    byte[] script = supervisorScript();
    write(SUPERVISOR, script, 0755);
    ensureDirectories(layout.data("run"));
    ensureDirectories(layout.data("log"));
    String pidFile = pidFile(service.name());
    String log = logFile(service.name());
    manifest.record(Kind.FILE, pidFile);
    manifest.record(Kind.FILE, log);
    manifest.record(Kind.SUPERVISED, service.name());
    if (running(service.name())) {
      return;
    }
    String command =
        "setsid nohup "
            + quote(layout.install(SUPERVISOR))
            + " "
            + quote(pidFile)
            + " "
            + quote(log)
            + " -- "
            + service.command().stream().map(SshConnection::quote).collect(Collectors.joining(" "))
            + " </dev/null >/dev/null 2>&1 &";
    ssh.check(command, SHORT);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (running(service.name())) {
        return;
      }
      sleep(100);
    }
    throw new SshHostException(
        ssh.host(),
        "supervisor of "
            + service.name()
            + " did not start within 10 s (pidfile "
            + pidFile
            + ", log "
            + log
            + ")");
  }

  private void stopSupervised(String name) {
    String pidFile = pidFile(name);
    String script =
        "p="
            + quote(pidFile)
            + "; [ -f \"$p\" ] || exit 0; pid=$(cat \"$p\");"
            + " if "
            + supervisorAlive(pidFile)
            + "; then"
            + " kill -s TERM -- \"-$pid\" 2>/dev/null; i=0;"
            + " while [ $i -lt 100 ] && "
            + groupAlive()
            + "; do sleep 0.1; i=$((i+1)); done;"
            + " if "
            + groupAlive()
            + "; then kill -s KILL -- \"-$pid\" 2>/dev/null; sleep 0.5; fi;"
            + " fi; rm -f \"$p\"";
    ssh.check(script, SHORT);
  }

  /** True (exit 0) when the pidfile names a live booty supervisor. */
  private static String supervisorAlive(String pidFile) {
    return "{ [ -f "
        + quote(pidFile)
        + " ] && pid=$(cat "
        + quote(pidFile)
        + ") && [ -n \"$pid\" ] && kill -0 \"$pid\" 2>/dev/null"
        + " && grep -qa booty-supervise /proc/$pid/cmdline; }";
  }

  /** True while any live (not zombie) process remains in the group {@code $pid}. */
  private static String groupAlive() {
    return "ps -e -o pgid=,stat= | awk -v g=\"$pid\" '$1==g && $2 !~ /^Z/ {f=1} END {exit !f}'";
  }

  private void startUnit(Service service) {
    String unit = unitName(service.name());
    String path = UNIT_DIR + "/" + unit + ".service";
    String execStart =
        service.command().stream()
            .map(
                a -> a.matches("[A-Za-z0-9_./:=,@+-]+") ? a : "\"" + a.replace("\"", "\\\"") + "\"")
            .collect(Collectors.joining(" "));
    String text =
        String.join(
            "\n",
            "# written by booty (ssh hosting); removed by booty destroy",
            "[Unit]",
            "Description=booty " + service.name(),
            "After=network-online.target",
            "",
            "[Service]",
            "ExecStart=" + execStart,
            "Restart=always",
            "RestartSec=1",
            "",
            "[Install]",
            "WantedBy=multi-user.target",
            "");
    manifest.record(Kind.FILE, path);
    manifest.record(Kind.UNIT, unit);
    byte[] content = text.getBytes(StandardCharsets.UTF_8);
    if (!ssh.sha256(path).equals(SshConnection.sha256(content))) {
      ssh.upload(content, path, 0644);
    }
    ssh.check("systemctl daemon-reload && systemctl enable --now " + quote(unit), SHORT);
  }

  private void stopUnit(String unit) {
    ssh.exec("systemctl disable --now " + quote(unit), SHORT);
  }

  private static String unitName(String name) {
    return "booty-" + name;
  }

  /** Creates the missing directories of {@code dir}, recording each before it is made. */
  private void ensureDirectories(String dir) {
    if (knownDirectories.contains(dir)) {
      return;
    }
    List<String> chain = new ArrayList<>();
    for (String d = dir; d != null && !d.equals("/") && !d.isEmpty(); d = parent(d)) {
      chain.add(0, d);
    }
    String out =
        ssh.check(
            "for d in " + join(chain) + "; do [ -d \"$d\" ] || echo \"$d\"; done; true", SHORT);
    List<String> missing = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        missing.add(line);
      }
    }
    for (String d : missing) {
      manifest.record(Kind.DIR, d);
    }
    if (!missing.isEmpty()) {
      ssh.check("mkdir -m 755 -- " + join(missing), SHORT);
    }
    knownDirectories.addAll(chain);
  }

  private static List<String> paths(List<Entry> entries, Kind kind) {
    return entries.stream().filter(e -> e.kind() == kind).map(Entry::value).toList();
  }

  private static String join(List<String> words) {
    return words.stream().map(SshConnection::quote).collect(Collectors.joining(" "));
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  private static byte[] supervisorScript() {
    try (InputStream in = HostInstall.class.getResourceAsStream(SUPERVISOR_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + SUPERVISOR_RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SUPERVISOR_RESOURCE, e);
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

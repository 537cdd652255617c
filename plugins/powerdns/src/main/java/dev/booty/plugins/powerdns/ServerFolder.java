package dev.booty.plugins.powerdns;

import dev.booty.api.PluginContext;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * One data centre's PowerDNS folder on the host, {@code WORKDIR/DC/}: a stable path (the same run
 * after run, so the job's text is too) that the plugin can write while Nomad runs the server. The
 * job's task copies the zone Nomad rendered to {@code serving.db} and {@code zone.db} here when it
 * starts; pdns_server serves {@code zone.db} and opens its control socket here. {@code
 * server.properties}, written by publish, says where the server answers, for the chaos ability,
 * which is handed only the zone's and the data centre's names.
 */
record ServerFolder(Path dir) {
  /** The longest path a Unix socket may have (108 bytes with the terminating zero). */
  static final int MAX_SOCKET_PATH = 107;

  static ServerFolder of(PluginContext ctx, String dc) {
    return new ServerFolder(ctx.workDir().resolve(dc));
  }

  /** What pdns serves: the zone as rendered, or as frozen by a stale fault. */
  Path zone() {
    return dir.resolve("zone.db");
  }

  /** The zone as the job rendered it, with its LUA record: what serving again restores. */
  Path serving() {
    return dir.resolve("serving.db");
  }

  Path properties() {
    return dir.resolve("server.properties");
  }

  /** Refuses a folder too deep for the control socket's path. */
  ServerFolder checked() {
    Path socket = dir.toAbsolutePath().resolve(ControlSocket.NAME);
    if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
      throw new IllegalArgumentException(
          "PowerDNS's control socket "
              + socket
              + " would be longer than "
              + MAX_SOCKET_PATH
              + " bytes, the limit of a Unix socket path; use a shorter booty home");
    }
    return this;
  }

  /** Where one data centre's server answers, and the Nomad job that runs it. */
  record Server(String zone, String name, String address, int port, String job) {}

  void write(Server s) {
    Properties p = new Properties();
    p.setProperty("zone", s.zone());
    p.setProperty("name", s.name());
    p.setProperty("address", s.address());
    p.setProperty("port", Integer.toString(s.port()));
    p.setProperty("job", s.job());
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "server", ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp)) {
        p.store(w, "written by booty's powerdns plugin when it published the zone");
      }
      Files.move(
          tmp, properties(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + properties(), e);
    }
  }

  /** The server of data centre {@code dc} for {@code zone}, as publish wrote it. */
  Server read(String zone, String dc) {
    Path file = properties();
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "no PowerDNS of data centre "
              + dc
              + " was published ("
              + file
              + " is missing); deploy the scenario first");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Server s =
        new Server(
            need(p, "zone", file),
            need(p, "name", file),
            need(p, "address", file),
            Integer.parseInt(need(p, "port", file)),
            need(p, "job", file));
    if (!s.zone().equals(zone)) {
      throw new IllegalStateException(
          file + " is for zone " + s.zone() + ", not " + zone + "; deploy the scenario again");
    }
    return s;
  }

  /** Replaces {@code zone.db} whole: pdns reads either the old file or the new one. */
  void writeZone(String text) {
    try {
      Path tmp = Files.createTempFile(dir, "zone", ".tmp");
      Files.writeString(tmp, text);
      Files.move(tmp, zone(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + zone(), e);
    }
  }

  private static String need(Properties p, String key, Path file) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(file + " has no " + key);
    }
    return v;
  }
}

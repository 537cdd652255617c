package dev.booty.plugins.ssh;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What booty keeps about one data centre's hosts, under its home so it outlives the scenario's work
 * folder ({@code HOME/ssh/manifests/SCENARIO/DC/}): the data centre's options as provision got them
 * ({@code options.properties}: release gets only the name, and must reach the same hosts), and one
 * {@link HostManifest} per host. Written before any host is changed; removed when every host's
 * manifest is gone.
 */
final class ProvisionedHosts {
  private static final String OPTIONS = "options.properties";

  private final String dataCenter;
  private final Path dir;

  ProvisionedHosts(Path home, String scenario, String dataCenter) {
    this.dataCenter = dataCenter;
    this.dir = home.resolve("ssh").resolve("manifests").resolve(scenario).resolve(dataCenter);
  }

  Path dir() {
    return dir;
  }

  boolean exists() {
    return Files.isRegularFile(dir.resolve(OPTIONS));
  }

  /** The host's manifest (read when it exists). */
  HostManifest manifest(SshHostSpec host) {
    return HostManifest.of(dir, host);
  }

  /** Records the data centre's options (its hosts) before anything is changed on them. */
  void remember(Map<String, String> options) {
    Properties p = new Properties();
    p.putAll(options);
    try {
      Files.createDirectories(dir);
      Path temp = dir.resolve(OPTIONS + ".tmp");
      try (Writer out = Files.newBufferedWriter(temp)) {
        p.store(out, "booty ssh hosting: the options of data centre " + dataCenter);
      }
      Files.move(temp, dir.resolve(OPTIONS), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(OPTIONS), e);
    }
  }

  /** The options provision was given. */
  Map<String, String> options() {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(dir.resolve(OPTIONS))) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(OPTIONS), e);
    }
    Map<String, String> options = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> options.put(k, p.getProperty(k)));
    return options;
  }

  /** Removes the record once no host manifest is left; false when some still are. */
  boolean forgetIfEmpty() {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> manifests =
          files.filter(f -> f.getFileName().toString().endsWith(".manifest")).toList();
      if (!manifests.isEmpty()) {
        return false;
      }
      Files.deleteIfExists(dir.resolve(OPTIONS));
      Files.deleteIfExists(dir);
      deleteIfEmpty(dir.getParent());
      deleteIfEmpty(dir.getParent().getParent());
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir, e);
    }
  }

  private static void deleteIfEmpty(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      if (s.findAny().isEmpty()) {
        Files.delete(d);
      }
    }
  }
}

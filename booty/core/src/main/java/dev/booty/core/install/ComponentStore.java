package dev.booty.core.install;

import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The installed side of the booty home: which versions are there, which one is active, and the
 * atomic steps that change that. Callers hold the home's {@link dev.booty.core.home.HomeLock}.
 */
public final class ComponentStore {
  private final BootyHome home;

  public ComponentStore(BootyHome home) {
    this.home = home;
  }

  public BootyHome home() {
    return home;
  }

  /** Every installed version of every component, by component then version. */
  public List<InstalledVersion> installed() {
    List<InstalledVersion> all = new ArrayList<>();
    if (!Files.isDirectory(home.components())) {
      return all;
    }
    try (Stream<Path> names = Files.list(home.components())) {
      for (Path dir : names.filter(Files::isDirectory).sorted().toList()) {
        all.addAll(installed(dir.getFileName().toString()));
      }
    } catch (IOException e) {
      throw BootyException.failure("cannot list " + home.components() + ": " + e.getMessage());
    }
    return all;
  }

  public List<InstalledVersion> installed(String name) {
    Path dir = home.component(name);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> versions = Files.list(dir)) {
      return versions
          .map(v -> v.resolve(InstalledVersion.FILE))
          .filter(Files::isRegularFile)
          .map(ComponentStore::read)
          .sorted(Comparator.comparing(InstalledVersion::version, VersionOrder.INSTANCE).reversed())
          .toList();
    } catch (IOException e) {
      throw BootyException.failure("cannot list " + dir + ": " + e.getMessage());
    }
  }

  public Optional<InstalledVersion> find(String name, String version) {
    Path file = home.version(name, version).resolve(InstalledVersion.FILE);
    return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
  }

  public Optional<String> active(String name) {
    Path file = home.activeFile(name);
    try {
      return Files.isRegularFile(file)
          ? Optional.of(Files.readString(file).strip()).filter(v -> !v.isEmpty())
          : Optional.empty();
    } catch (IOException e) {
      throw BootyException.failure("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** The absolute path of an installed version's executable. */
  public Path binary(InstalledVersion v) {
    return home.version(v.component(), v.version()).resolve(v.binary());
  }

  /**
   * Moves a fully staged version folder (binary and install.json inside) into place with one
   * rename. Fails if that version is already there.
   */
  public void commit(Path staged, InstalledVersion v) throws IOException {
    Path target = home.version(v.component(), v.version());
    Files.createDirectories(target.getParent());
    Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Makes {@code version} the active one: the {@code active} file and the {@code bin/} link. */
  public void activate(InstalledVersion v) throws IOException {
    Path activeTmp = Files.createTempFile(home.tmp(), v.component(), ".active");
    Files.writeString(activeTmp, v.version() + "\n");
    Files.move(activeTmp, home.activeFile(v.component()), StandardCopyOption.ATOMIC_MOVE);
    Files.createDirectories(home.bin());
    String exe = Path.of(v.binary()).getFileName().toString();
    Path linkTmp = home.tmp().resolve(exe + ".link-" + ProcessHandle.current().pid());
    Files.deleteIfExists(linkTmp);
    Files.createSymbolicLink(linkTmp, binary(v));
    Files.move(linkTmp, home.bin().resolve(exe), StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Removes one version: renamed out of the way first (atomic), then deleted. When it was active,
   * the newest remaining version becomes active, or none. Returns the new active version.
   */
  public Optional<String> remove(InstalledVersion v) throws IOException {
    boolean wasActive = active(v.component()).filter(v.version()::equals).isPresent();
    Path doomed = Files.createTempDirectory(home.tmp(), "remove-" + v.component() + "-");
    Path moved = doomed.resolve(v.version());
    Files.move(home.version(v.component(), v.version()), moved, StandardCopyOption.ATOMIC_MOVE);
    if (wasActive) {
      List<InstalledVersion> rest = installed(v.component());
      if (rest.isEmpty()) {
        Files.deleteIfExists(home.activeFile(v.component()));
        Files.deleteIfExists(home.bin().resolve(Path.of(v.binary()).getFileName()));
      } else {
        activate(rest.get(0));
      }
    }
    FileTrees.deleteRecursively(doomed);
    deleteIfEmpty(home.component(v.component()));
    return active(v.component());
  }

  /** Creates the home's folders; safe to call every time. */
  public void prepare() throws IOException {
    Files.createDirectories(home.components());
    Files.createDirectories(home.tmp());
    Files.createDirectories(home.locks());
    if (!Files.exists(home.lockFile())) {
      try {
        Files.createFile(home.lockFile());
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another booty made it first
      }
    }
  }

  static void writeRecord(Path versionDir, InstalledVersion v) throws IOException {
    Json.MAPPER.writeValue(versionDir.resolve(InstalledVersion.FILE).toFile(), v);
  }

  private static InstalledVersion read(Path file) {
    try {
      return Json.MAPPER.readValue(file.toFile(), InstalledVersion.class);
    } catch (IOException e) {
      throw BootyException.failure("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static void deleteIfEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      if (s.findAny().isEmpty()) {
        Files.delete(dir);
      }
    }
  }
}

package dev.booty.core.install;

import dev.booty.core.BootyException;
import dev.booty.core.home.HomeLock;
import dev.booty.core.manifest.ComponentRef;
import dev.booty.core.manifest.ComponentSpec;
import dev.booty.core.manifest.Manifest;
import dev.booty.core.manifest.Platform;
import dev.booty.core.source.MirrorIndex;
import dev.booty.core.source.Sources;
import dev.booty.core.source.VersionVerifier;
import dev.booty.core.util.Digests;
import dev.booty.core.util.ProcessRunner;
import dev.booty.core.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The component manager behind {@code booty install | uninstall | use | list | status | mirror}:
 * the manifest (what can be installed) joined with the store (what is installed).
 */
public final class ComponentManager {
  private static final Duration LOCK_WAIT = Duration.ofMinutes(10);

  private final Manifest manifest;
  private final ComponentStore store;
  private final Map<String, String> env;

  public ComponentManager(Manifest manifest, ComponentStore store, Map<String, String> env) {
    this.manifest = manifest;
    this.store = store;
    this.env = env;
  }

  public Manifest manifest() {
    return manifest;
  }

  public ComponentStore store() {
    return store;
  }

  /** An installer with the fetchers these options allow; call {@link #validate} first. */
  public Installer installer(Sources options, Progress progress) {
    return new Installer(store, manifest, options.fetchers(env), progress);
  }

  /**
   * Checks refs against the manifest, so a typo fails before anything is fetched; throws a usage
   * error naming the first bad one.
   */
  public void validate(List<ComponentRef> refs) {
    for (ComponentRef ref : refs) {
      manifest.resolveVersion(manifest.component(ref.name()), ref.version());
    }
  }

  /** Removes one installed version; returns the component's active version afterwards. */
  public Optional<String> uninstall(ComponentRef ref) {
    InstalledVersion v = installedOrFail(ref, "uninstall");
    try (HomeLock lock = HomeLock.acquire(store.home(), LOCK_WAIT, m -> {})) {
      return store.remove(v);
    } catch (IOException e) {
      throw BootyException.failure("cannot remove " + ref + ": " + e.getMessage());
    }
  }

  /** Makes an installed version the active one. */
  public InstalledVersion use(ComponentRef ref) {
    InstalledVersion v = installedOrFail(ref, "use");
    try (HomeLock lock = HomeLock.acquire(store.home(), LOCK_WAIT, m -> {})) {
      store.activate(v);
      return v;
    } catch (IOException e) {
      throw BootyException.failure("cannot activate " + ref + ": " + e.getMessage());
    }
  }

  /** One row per known version of every component, plus installed versions the manifest lost. */
  public List<ListedVersion> list() {
    List<ListedVersion> rows = new ArrayList<>();
    for (ComponentSpec spec : manifest.components().values()) {
      Optional<String> active = store.active(spec.name());
      List<InstalledVersion> installed = store.installed(spec.name());
      for (String version : spec.versions()) {
        Optional<InstalledVersion> inst =
            installed.stream().filter(i -> i.version().equals(version)).findFirst();
        rows.add(row(spec.name(), version, version.equals(spec.defaultVersion()), active, inst));
      }
      installed.stream()
          .filter(i -> !spec.versions().contains(i.version()))
          .forEach(i -> rows.add(row(spec.name(), i.version(), false, active, Optional.of(i))));
    }
    return rows;
  }

  private ListedVersion row(
      String name,
      String version,
      boolean isDefault,
      Optional<String> active,
      Optional<InstalledVersion> inst) {
    String state =
        inst.isEmpty()
            ? ListedVersion.AVAILABLE
            : active.filter(version::equals).isPresent()
                ? ListedVersion.ACTIVE
                : ListedVersion.INSTALLED;
    return new ListedVersion(
        name,
        version,
        state,
        isDefault,
        inst.map(InstalledVersion::source).orElse(null),
        inst.map(store::binary).map(Path::toString).orElse(null));
  }

  /** The active version of each installed component, with its binary's live version answer. */
  public List<ComponentStatus> status() {
    List<ComponentStatus> rows = new ArrayList<>();
    for (ComponentSpec spec : manifest.components().values()) {
      List<InstalledVersion> installed = store.installed(spec.name());
      if (installed.isEmpty()) {
        rows.add(new ComponentStatus(spec.name(), null, List.of(), null, "not installed", false));
        continue;
      }
      List<String> versions = installed.stream().map(InstalledVersion::version).toList();
      Optional<InstalledVersion> active =
          store
              .active(spec.name())
              .flatMap(a -> installed.stream().filter(i -> i.version().equals(a)).findFirst());
      if (active.isEmpty()) {
        rows.add(
            new ComponentStatus(spec.name(), null, versions, null, "no active version", false));
        continue;
      }
      Path binary = store.binary(active.get());
      String health;
      boolean ok;
      if (!Files.isExecutable(binary)) {
        health = "binary missing: " + binary;
        ok = false;
      } else {
        ProcessRunner.Result r = VersionVerifier.run(spec, binary);
        String expected = spec.versionCheck().expected(active.get().version());
        // as the install verified it: the answer's text, whatever the exit code (pdns_server
        // prints its version and exits 99)
        ok = !r.timedOut() && r.output().contains(expected);
        health = ok ? "ok" : "unexpected version answer: " + r.output().strip().split("\\R", 2)[0];
      }
      rows.add(
          new ComponentStatus(
              spec.name(), active.get().version(), versions, binary.toString(), health, ok));
    }
    return rows;
  }

  /**
   * Copies installed versions into an offline mirror folder for {@code booty install --from DIR}. A
   * ref without a version means the active one.
   */
  public List<MirrorIndex.Entry> mirrorClone(Path dir, List<ComponentRef> refs) {
    List<InstalledVersion> picked = new ArrayList<>();
    for (ComponentRef ref : refs) {
      String version = ref.version();
      if (version == null) {
        version =
            store
                .active(ref.name())
                .orElseThrow(
                    () ->
                        BootyException.failure(
                            ref.name() + " is not installed; nothing to mirror"));
      }
      var system = manifest.component(ref.name()).sources().system();
      if (system != null && system.bundled()) {
        // a mirror holds one executable per version; this one is a wrapper over a package tree
        throw BootyException.usage(
            ref.name()
                + " is a tree of Debian packages behind a wrapper, which a mirror cannot hold;"
                + " install it from apt on the target machine");
      }
      picked.add(installedOrFail(new ComponentRef(ref.name(), version), "mirror"));
    }
    List<MirrorIndex.Entry> added = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      MirrorIndex index = MirrorIndex.read(dir);
      for (InstalledVersion v : picked) {
        String platform = v.platform() != null ? v.platform() : Platform.current().toString();
        String rel =
            v.component()
                + "/"
                + v.version()
                + "/"
                + Platform.parse(platform).dashed()
                + "/"
                + Path.of(v.binary()).getFileName();
        Path target = dir.resolve(rel);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".copy", ".tmp");
        Files.copy(store.binary(v), tmp, StandardCopyOption.REPLACE_EXISTING);
        String sha = Digests.sha256(tmp);
        if (!sha.equals(v.sha256())) {
          Files.delete(tmp);
          throw BootyException.failure(
              v.component()
                  + "@"
                  + v.version()
                  + " in the booty home does not match its install record (sha256 "
                  + sha
                  + ", recorded "
                  + v.sha256()
                  + "); reinstall it before mirroring");
        }
        tmp.toFile().setExecutable(true, false);
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        MirrorIndex.Entry entry = new MirrorIndex.Entry(rel, sha);
        index = index.with(v.component(), v.version(), platform, entry);
        added.add(entry);
      }
      index.write(dir);
    } catch (IOException e) {
      throw BootyException.failure("cannot write mirror " + dir + ": " + e.getMessage());
    }
    return added;
  }

  private InstalledVersion installedOrFail(ComponentRef ref, String verb) {
    ComponentSpec spec = manifest.component(ref.name());
    if (ref.version() == null) {
      throw BootyException.usage(
          verb
              + " needs a version: "
              + ref.name()
              + "@VERSION (installed: "
              + installedList(spec.name())
              + ")");
    }
    String version = ref.version().startsWith("v") ? ref.version().substring(1) : ref.version();
    return store
        .find(spec.name(), version)
        .orElseThrow(
            () ->
                BootyException.failure(
                    ref.name()
                        + "@"
                        + version
                        + " is not installed (installed: "
                        + installedList(spec.name())
                        + ")"));
  }

  private String installedList(String name) {
    List<String> versions = store.installed(name).stream().map(InstalledVersion::version).toList();
    return versions.isEmpty() ? "none" : String.join(", ", versions);
  }
}

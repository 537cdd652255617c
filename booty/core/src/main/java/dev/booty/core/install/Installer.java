package dev.booty.core.install;

import dev.booty.core.BootyException;
import dev.booty.core.home.HomeLock;
import dev.booty.core.manifest.ComponentRef;
import dev.booty.core.manifest.ComponentSpec;
import dev.booty.core.manifest.Manifest;
import dev.booty.core.manifest.Platform;
import dev.booty.core.source.FetchRequest;
import dev.booty.core.source.Fetcher;
import dev.booty.core.source.SourceUnavailableException;
import dev.booty.core.source.VersionVerifier;
import dev.booty.core.util.Digests;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Progress;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs component versions into the booty home. Each install stages into {@code tmp/}, verifies
 * (checksum, then the binary's own version command), writes {@code install.json}, and moves the
 * version folder into place with one rename; a failure at any point deletes the staging folder and
 * leaves the home as it was. The home's lock is held throughout, so concurrent installs into one
 * home (threads or processes) take turns.
 */
public final class Installer {
  private static final Duration LOCK_WAIT = Duration.ofHours(2);
  private static final String STAGE_PREFIX = "stage-";

  private final ComponentStore store;
  private final Manifest manifest;
  private final List<Fetcher> fetchers;
  private final Progress progress;
  private final Platform platform;

  public Installer(
      ComponentStore store, Manifest manifest, List<Fetcher> fetchers, Progress progress) {
    this.store = store;
    this.manifest = manifest;
    this.fetchers = fetchers;
    this.progress = progress;
    this.platform = Platform.current();
  }

  /** Installs one component version (the default when the ref names none). */
  public InstallResult install(ComponentRef ref) {
    ComponentSpec spec = manifest.component(ref.name());
    String version = manifest.resolveVersion(spec, ref.version());
    if (!spec.supports(platform)) {
      throw BootyException.usage(
          spec.name() + " is not available for " + platform + " (only " + spec.platforms() + ")");
    }
    Instant start = Instant.now();
    try {
      store.prepare();
    } catch (IOException e) {
      throw BootyException.failure(
          "cannot prepare booty home " + store.home().root() + ": " + e.getMessage());
    }
    try (HomeLock lock =
        HomeLock.acquire(store.home(), LOCK_WAIT, m -> progress.step(spec.name(), m))) {
      removeStaleStaging(spec.name());
      var existing = store.find(spec.name(), version);
      if (existing.isPresent()) {
        boolean active = ensureActive(existing.get());
        return result(existing.get(), InstallResult.ALREADY, active, start, List.of());
      }
      return fetchFirst(spec, version, start);
    }
  }

  private InstallResult fetchFirst(ComponentSpec spec, String version, Instant start) {
    if (fetchers.isEmpty()) {
      throw BootyException.failure(
          spec.name() + "@" + version + " is not installed and no source was allowed to fetch it");
    }
    List<String> skipped = new ArrayList<>();
    for (Fetcher fetcher : fetchers) {
      try {
        InstalledVersion done = fetchWith(fetcher, spec, version);
        boolean active = ensureActive(done);
        return result(done, InstallResult.INSTALLED, active, start, skipped);
      } catch (SourceUnavailableException e) {
        skipped.add(fetcher.kind().id() + ": " + e.getMessage());
        progress.step(
            spec.name(),
            "source " + fetcher.kind().id() + " unavailable: " + firstLine(e.getMessage()));
      }
    }
    throw BootyException.failure(
        spec.name()
            + "@"
            + version
            + ": no source could provide it; the booty home is unchanged. Tried:\n  "
            + String.join("\n  ", skipped));
  }

  private InstalledVersion fetchWith(Fetcher fetcher, ComponentSpec spec, String version)
      throws SourceUnavailableException {
    Path staging = null;
    try {
      staging = Files.createTempDirectory(store.home().tmp(), STAGE_PREFIX + spec.name() + "@");
      Path versionDir = staging.resolve(version);
      Path binary = versionDir.resolve("bin").resolve(spec.binary());
      Path scratch = staging.resolve("scratch");
      Files.createDirectories(binary.getParent());
      Files.createDirectories(scratch);
      FetchRequest request = new FetchRequest(spec, version, platform, scratch, binary, progress);
      Fetcher.Fetched fetched = fetcher.fetch(request);
      progress.step(
          spec.name(),
          "verifying: "
              + binary.getFileName()
              + " "
              + String.join(" ", spec.versionCheck().args()));
      String answer = VersionVerifier.verify(spec, version, binary);
      InstalledVersion record =
          new InstalledVersion(
              spec.name(),
              version,
              platform.toString(),
              "bin/" + spec.binary(),
              fetcher.kind().id(),
              fetched.origin(),
              fetched.checksum(),
              Digests.sha256(binary),
              Files.size(binary),
              answer,
              Instant.now().toString());
      ComponentStore.writeRecord(versionDir, record);
      store.commit(versionDir, record);
      return record;
    } catch (IOException e) {
      throw BootyException.failure(
          spec.name() + "@" + version + ": install failed, home unchanged: " + e.getMessage());
    } finally {
      if (staging != null) {
        try {
          FileTrees.deleteRecursively(staging);
        } catch (IOException e) {
          progress.step(
              spec.name(), "could not remove staging folder " + staging + ": " + e.getMessage());
        }
      }
    }
  }

  /**
   * Activates {@code v} when the component has no active version yet; says whether it is active.
   */
  private boolean ensureActive(InstalledVersion v) {
    try {
      if (store.active(v.component()).isEmpty()) {
        store.activate(v);
        return true;
      }
      return store.active(v.component()).get().equals(v.version());
    } catch (IOException e) {
      throw BootyException.failure(
          "cannot activate " + v.component() + "@" + v.version() + ": " + e.getMessage());
    }
  }

  /** Staging folders of this component left by a killed booty (we hold the lock: none is live). */
  private void removeStaleStaging(String name) {
    try (DirectoryStream<Path> stale =
        Files.newDirectoryStream(store.home().tmp(), STAGE_PREFIX + name + "@*")) {
      for (Path p : stale) {
        FileTrees.deleteRecursively(p);
      }
    } catch (IOException e) {
      progress.step(name, "could not clean old staging folders: " + e.getMessage());
    }
  }

  private InstallResult result(
      InstalledVersion v, String status, boolean active, Instant start, List<String> skipped) {
    double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
    return new InstallResult(
        v.component(),
        v.version(),
        status,
        v.source(),
        v.origin(),
        store.binary(v).toString(),
        v.sha256(),
        v.sizeBytes(),
        active,
        v.versionOutput(),
        seconds,
        List.copyOf(skipped));
  }

  private static String firstLine(String s) {
    return s.split("\\R", 2)[0];
  }
}

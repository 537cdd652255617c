package dev.booty.core.source;

import dev.booty.core.BootyException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sources of components, and the one place their fetchers are registered ({@link #fetchers}).
 * How {@code booty install} may fetch: which source is forced, the offline mirror folder, the
 * release mirror base URL, whether the OS package may be used.
 *
 * @param only the one source to use, or null for all in order
 * @param mirrorDir {@code --from DIR}, or null
 * @param releaseBase {@code --release-mirror URL} replacing every publisher's base URL, or null
 * @param allowSystemPackages {@code --allow-system-packages}: the OS package may stand in for
 *     components that have release or Go builds too (without it, only components whose one source
 *     is the OS package use it)
 */
public record Sources(
    SourceKind only, Path mirrorDir, String releaseBase, boolean allowSystemPackages) {

  public static final String RELEASE_MIRROR_ENV = "BOOTY_RELEASE_MIRROR";

  public static Sources defaults() {
    return new Sources(null, null, null, false);
  }

  /**
   * The fetchers to try, in order: release, go, system (see {@code allowSystemPackages}). An
   * offline mirror given with {@code --from} comes first, since naming a folder says where to
   * install from.
   */
  public List<Fetcher> fetchers(Map<String, String> env) {
    if (only == SourceKind.MIRROR && mirrorDir == null) {
      throw BootyException.usage("--source mirror needs --from DIR");
    }
    if (only == SourceKind.SYSTEM && !allowSystemPackages) {
      throw BootyException.usage("--source system needs --allow-system-packages");
    }
    String base = releaseBase != null ? releaseBase : env.get(RELEASE_MIRROR_ENV);
    List<Fetcher> all = new ArrayList<>();
    if (mirrorDir != null) {
      all.add(new MirrorFetcher(mirrorDir));
    }
    all.add(
        new ReleaseFetcher(
            new Downloader(Duration.ofSeconds(10), Duration.ofMinutes(30)),
            base == null || base.isBlank() ? null : base));
    all.add(new GoBuildFetcher(env));
    // always last; without the switch it serves only components the OS package is the one build
    // of (pdns-server), never in place of a publisher's build (docs/decisions.md)
    all.add(new SystemPackageFetcher(env, allowSystemPackages));
    if (only == null) {
      return all;
    }
    return all.stream().filter(f -> f.kind() == only).toList();
  }
}

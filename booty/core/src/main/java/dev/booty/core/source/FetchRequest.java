package dev.booty.core.source;

import dev.booty.core.manifest.ComponentSpec;
import dev.booty.core.manifest.Platform;
import dev.booty.core.util.Progress;
import java.nio.file.Path;

/**
 * One fetch: which component and version, for which platform, and where to put it.
 *
 * @param scratch an empty folder the fetcher may use; deleted afterwards
 * @param binary where the executable must end up
 */
public record FetchRequest(
    ComponentSpec spec,
    String version,
    Platform platform,
    Path scratch,
    Path binary,
    Progress progress) {

  public String name() {
    return spec.name();
  }

  /** Fills {@code {version}}, {@code {os}} and {@code {arch}} in a template (Go ldflags). */
  public String expand(String template) {
    return template
        .replace("{version}", version)
        .replace("{os}", platform.os())
        .replace("{arch}", platform.arch());
  }
}

package dev.booty.cli.commands;

import dev.booty.core.source.SourceKind;
import dev.booty.core.source.Sources;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where {@code booty install} may take components from, a {@code @Mixin}. */
public final class SourceOptions {
  @Option(
      names = "--source",
      paramLabel = "SOURCE",
      description = "use only this source: release, mirror, go, system, installed")
  String source;

  @Option(
      names = "--from",
      paramLabel = "DIR",
      description = "offline mirror folder (made by 'booty mirror clone')")
  Path from;

  @Option(
      names = "--release-mirror",
      paramLabel = "URL",
      description =
          "base URL replacing the publishers' (releases.hashicorp.com, github.com); also $BOOTY_RELEASE_MIRROR")
  String releaseMirror;

  @Option(
      names = "--allow-system-packages",
      description = "allow the operating system's package as a last source")
  boolean allowSystemPackages;

  Sources options() {
    return new Sources(
        source == null ? null : SourceKind.parse(source), from, releaseMirror, allowSystemPackages);
  }
}

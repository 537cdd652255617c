package dev.booty.core.source;

import dev.booty.core.BootyException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a component can come from, in the order they are tried. */
public enum SourceKind {
  /** Already in the booty home at that version. */
  INSTALLED,
  /** The publisher's release archive, verified against its checksum file. */
  RELEASE,
  /** An offline mirror folder ({@code --from DIR}). */
  MIRROR,
  /** A build of the Go module with the local Go toolchain. */
  GO,
  /** The operating system's package (only with {@code --allow-system-packages}). */
  SYSTEM;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SourceKind parse(String text) {
    for (SourceKind k : values()) {
      if (k.id().equalsIgnoreCase(text)) {
        return k;
      }
    }
    throw BootyException.usage(
        "unknown source '"
            + text
            + "'; one of: "
            + Arrays.stream(values()).map(SourceKind::id).collect(Collectors.joining(", ")));
  }
}

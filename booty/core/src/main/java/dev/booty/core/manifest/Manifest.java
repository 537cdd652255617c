package dev.booty.core.manifest;

import dev.booty.core.BootyException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The component manifest: which components booty manages, at which versions, from which sources.
 *
 * @param manifestVersion the format version of the manifest file
 * @param origin where it was read from, for messages
 * @param components by name, in file order
 */
public record Manifest(int manifestVersion, String origin, Map<String, ComponentSpec> components) {

  /** The format this booty reads. */
  public static final int FORMAT = 1;

  public ComponentSpec component(String name) {
    ComponentSpec spec = components.get(name);
    if (spec == null) {
      throw BootyException.usage(
          "unknown component '" + name + "'; available: " + String.join(", ", components.keySet()));
    }
    return spec;
  }

  /**
   * The version asked for, or the default; an unknown version is a usage error naming the known.
   */
  public String resolveVersion(ComponentSpec spec, String asked) {
    if (asked == null || asked.isBlank()) {
      return spec.defaultVersion();
    }
    String v = asked.startsWith("v") ? asked.substring(1) : asked;
    if (!spec.versions().contains(v)) {
      throw BootyException.usage(
          "unknown version '"
              + asked
              + "' of "
              + spec.name()
              + "; available: "
              + spec.versions().stream()
                  .map(x -> x.equals(spec.defaultVersion()) ? x + " (default)" : x)
                  .collect(Collectors.joining(", ")));
    }
    return v;
  }
}

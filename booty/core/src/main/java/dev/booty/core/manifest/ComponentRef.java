package dev.booty.core.manifest;

import dev.booty.core.BootyException;

/** {@code NAME} or {@code NAME@VERSION} as typed on the command line; version may be null. */
public record ComponentRef(String name, String version) {

  public static ComponentRef parse(String text) {
    int at = text.indexOf('@');
    if (at < 0) {
      return new ComponentRef(requireName(text, text), null);
    }
    String version = text.substring(at + 1);
    if (version.isBlank()) {
      throw BootyException.usage("'" + text + "': nothing after '@' (expected NAME@VERSION)");
    }
    return new ComponentRef(requireName(text.substring(0, at), text), version);
  }

  private static String requireName(String name, String text) {
    if (name.isBlank()) {
      throw BootyException.usage("'" + text + "': no component name (expected NAME[@VERSION])");
    }
    return name;
  }

  @Override
  public String toString() {
    return version == null ? name : name + "@" + version;
  }
}

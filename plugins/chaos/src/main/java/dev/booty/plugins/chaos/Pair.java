package dev.booty.plugins.chaos;

import java.util.List;

/**
 * The WAN path between two data centres, written {@code london~dallas} in targets and heal records.
 */
record Pair(String a, String b) {
  static final String SEPARATOR = "~";

  static boolean looksLikePath(String target) {
    return target.contains(SEPARATOR);
  }

  /** Splits {@code a~b}; whether both are data centres is {@link Topology#path}'s business. */
  static Pair parse(String text) {
    String[] parts = text.split(SEPARATOR, -1);
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new IllegalArgumentException(
          "path '" + text + "' is not two data centres joined by ~, e.g. london~dallas");
    }
    return new Pair(parts[0].strip(), parts[1].strip());
  }

  static List<Pair> parseAll(List<String> texts) {
    return texts.stream().map(Pair::parse).toList();
  }

  boolean sameAs(Pair other) {
    return (a.equals(other.a) && b.equals(other.b)) || (a.equals(other.b) && b.equals(other.a));
  }

  @Override
  public String toString() {
    return a + SEPARATOR + b;
  }
}

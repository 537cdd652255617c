package dev.booty.core.scenario;

import java.util.Map;

/**
 * The plugin extensions a scenario uses, by their ids.
 *
 * @param dns null when the scenario has no DNS plugin ({@code none} or absent)
 * @param positions where each value stands in the file, by kind ({@code hosting}, {@code cluster},
 *     {@code dns}); empty for a scenario built in code
 */
public record Plugins(String hosting, String cluster, String dns, Map<String, Position> positions) {
  public static final String HOSTING = "hosting";
  public static final String CLUSTER = "cluster";
  public static final String DNS = "dns";

  public Plugins {
    positions = Map.copyOf(positions);
  }

  public Plugins(String hosting, String cluster, String dns) {
    this(hosting, cluster, dns, Map.of());
  }

  /** The id for a kind ({@link #HOSTING}, {@link #CLUSTER}, {@link #DNS}); null when none. */
  public String id(String kind) {
    return switch (kind) {
      case HOSTING -> hosting;
      case CLUSTER -> cluster;
      case DNS -> dns;
      default -> throw new IllegalArgumentException("no plugin kind '" + kind + "'");
    };
  }
}

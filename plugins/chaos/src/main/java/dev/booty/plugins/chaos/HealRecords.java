package dev.booty.plugins.chaos;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reading and writing heal records: plain strings, lists joined by commas (names of data centres,
 * servers and paths never hold one).
 */
final class HealRecords {
  static final String KIND = "kind";
  static final String DATA_CENTERS = "dataCenters";
  static final String SERVERS = "servers";
  static final String PATHS = "paths";

  private HealRecords() {}

  static String join(List<?> items) {
    return String.join(",", items.stream().map(String::valueOf).toList());
  }

  /** The value under {@code key}, which every record of the mode has. */
  static String get(Map<String, String> record, String key) {
    String v = record.get(key);
    if (v == null) {
      throw new IllegalArgumentException(
          "heal record has no '"
              + key
              + "' (it has: "
              + Options.join(List.copyOf(new TreeSet<>(record.keySet())))
              + ")");
    }
    return v;
  }

  static List<String> list(Map<String, String> record, String key) {
    String v = get(record, key);
    return v.isEmpty() ? List.of() : Arrays.stream(v.split(",")).toList();
  }

  /** The record's paths; none when it lists none. */
  static List<Pair> paths(Map<String, String> record) {
    return record.containsKey(PATHS) ? Pair.parseAll(list(record, PATHS)) : List.of();
  }
}

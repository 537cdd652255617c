package dev.booty.core.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A data centre of a scenario.
 *
 * @param servers how many cluster servers run there (already defaulted from the cluster)
 * @param options settings for the hosting plugin, as written
 */
public record DataCenter(String name, int servers, Map<String, String> options) {
  public DataCenter {
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }
}

package dev.booty.core.scenario;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The name clients resolve when a scenario has a DNS plugin ({@code dns:}), defaults applied.
 *
 * @param zone the zone the DNS plugin serves; {@code SCENARIO.booty.test} unless written
 * @param name the record clients resolve in it ({@code nats})
 * @param ttl how long resolvers may keep an answer (a cloud provider's usual 30 s)
 * @param checkInterval how often each server's health is checked (10 s)
 * @param options settings for the DNS plugin, as written (credentials file, regions, ...)
 */
public record Dns(
    String zone, String name, Duration ttl, Duration checkInterval, Map<String, String> options) {
  public static final String DEFAULT_NAME = "nats";
  public static final String DEFAULT_DOMAIN = "booty.test";
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(10);

  /** A DNS label: letters, digits and inner hyphens, at most 63 characters. */
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  public Dns {
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  /** The defaults for a scenario that names a DNS plugin and writes no {@code dns:} section. */
  public static Dns defaults(String scenario) {
    return new Dns(
        scenario + "." + DEFAULT_DOMAIN,
        DEFAULT_NAME,
        DEFAULT_TTL,
        DEFAULT_CHECK_INTERVAL,
        Map.of());
  }

  /** The name clients resolve: {@code name.zone}. */
  public String fqdn() {
    return name + "." + zone;
  }

  /**
   * Why {@code text} is not a DNS name (lower-case labels of letters, digits and inner hyphens, at
   * most 63 characters each, 253 in all), or null when it is one.
   */
  public static String invalidName(String text) {
    if (text.isEmpty() || text.length() > 253) {
      return "a DNS name has 1 to 253 characters";
    }
    for (String label : text.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return label.isEmpty()
            ? "a DNS name has no empty label (no leading, trailing or doubled dot)"
            : "label '"
                + label
                + "' is not a DNS label (lower-case letters, digits and inner hyphens, at most"
                + " 63)";
      }
    }
    return null;
  }
}

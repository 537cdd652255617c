package dev.booty.core.install;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One row of {@code booty list}. {@code state}: available, installed or active. */
public record ListedVersion(
    @JsonProperty("component") String component,
    @JsonProperty("version") String version,
    @JsonProperty("state") String state,
    @JsonProperty("default") boolean isDefault,
    @JsonProperty("source") String source,
    @JsonProperty("binary") String binary) {
  public static final String AVAILABLE = "available";
  public static final String INSTALLED = "installed";
  public static final String ACTIVE = "active";
}

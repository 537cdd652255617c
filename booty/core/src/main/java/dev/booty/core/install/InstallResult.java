package dev.booty.core.install;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The outcome of installing one component version, as printed by {@code booty install --json}.
 *
 * @param status {@code installed} or {@code already-installed}
 * @param skipped sources tried before the one that worked, each with the reason it could not serve
 */
public record InstallResult(
    @JsonProperty("component") String component,
    @JsonProperty("version") String version,
    @JsonProperty("status") String status,
    @JsonProperty("source") String source,
    @JsonProperty("origin") String origin,
    @JsonProperty("binary") String binary,
    @JsonProperty("sha256") String sha256,
    @JsonProperty("sizeBytes") long sizeBytes,
    @JsonProperty("active") boolean active,
    @JsonProperty("versionOutput") String versionOutput,
    @JsonProperty("seconds") double seconds,
    @JsonProperty("skipped") List<String> skipped) {

  public static final String INSTALLED = "installed";
  public static final String ALREADY = "already-installed";
}

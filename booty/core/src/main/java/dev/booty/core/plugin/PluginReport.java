package dev.booty.core.plugin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One plugin as {@code booty plugins list} shows it.
 *
 * @param id the plugin id, or the file name when the descriptor could not be read
 * @param state {@code started}, {@code disabled}, {@code failed} or {@code refused}
 * @param reason why it is not started, or null
 * @param extensions the extension classes it contributes
 */
public record PluginReport(
    @JsonProperty("id") String id,
    @JsonProperty("version") String version,
    @JsonProperty("file") String file,
    @JsonProperty("state") String state,
    @JsonProperty("reason") String reason,
    @JsonProperty("requires") String requires,
    @JsonProperty("provider") String provider,
    @JsonProperty("description") String description,
    @JsonProperty("extensions") List<String> extensions) {

  public static final String STARTED = "started";
  public static final String DISABLED = "disabled";
  public static final String FAILED = "failed";
  public static final String REFUSED = "refused";
}

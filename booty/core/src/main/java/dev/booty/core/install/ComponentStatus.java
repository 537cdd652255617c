package dev.booty.core.install;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One row of {@code booty status}: a component's active version and whether its binary answers. */
public record ComponentStatus(
    @JsonProperty("component") String component,
    @JsonProperty("active") String active,
    @JsonProperty("installed") List<String> installed,
    @JsonProperty("binary") String binary,
    @JsonProperty("health") String health,
    @JsonProperty("ok") boolean ok) {}

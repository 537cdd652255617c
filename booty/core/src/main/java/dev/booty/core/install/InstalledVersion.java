package dev.booty.core.install;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.booty.core.source.SourceKind;

/**
 * What {@code install.json} records about one installed version.
 *
 * @param binary path of the executable relative to the version folder
 * @param source the source it came from ({@link SourceKind#id()})
 * @param origin the URL, mirror file, module or package
 * @param checksum the publisher's checksum that was verified, or null
 * @param sha256 sha256 of the installed executable
 * @param versionOutput what the binary answered to its version command
 */
public record InstalledVersion(
    @JsonProperty("component") String component,
    @JsonProperty("version") String version,
    @JsonProperty("platform") String platform,
    @JsonProperty("binary") String binary,
    @JsonProperty("source") String source,
    @JsonProperty("origin") String origin,
    @JsonProperty("checksum") String checksum,
    @JsonProperty("sha256") String sha256,
    @JsonProperty("sizeBytes") long sizeBytes,
    @JsonProperty("versionOutput") String versionOutput,
    @JsonProperty("installedAt") String installedAt) {

  public static final String FILE = "install.json";
}

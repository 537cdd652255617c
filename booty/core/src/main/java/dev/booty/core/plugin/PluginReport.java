package dev.booty.core.plugin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginWrapper;

/**
 * One plugin as {@code booty plugins list} shows it.
 *
 * @param id the plugin id, or the file name when the descriptor could not be read
 * @param version null when the descriptor could not be read
 * @param file the plugin's jar or zip
 * @param state {@code started}, {@code disabled}, {@code failed} or {@code refused}
 * @param reason why it is not started, or null
 * @param requires the booty API version it was built for ({@code Plugin-Requires})
 * @param extensions the extension classes it contributes, when started (an executable plugin:
 *     {@code chaos:exec}, what its descriptor declares)
 * @param kind {@code jar} (PF4J, in booty's JVM) or {@code exec} (its own process, over gRPC)
 * @param command an executable plugin's command, else null
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
    @JsonProperty("extensions") List<String> extensions,
    @JsonProperty("kind") String kind,
    @JsonProperty("command") List<String> command) {

  public static final String STARTED = "started";
  public static final String DISABLED = "disabled";
  public static final String FAILED = "failed";
  public static final String REFUSED = "refused";

  /** An executable plugin whose descriptor is fine; it starts at its first use. */
  public static final String READY = "ready";

  public static final String JAR = "jar";
  public static final String EXEC = "exec";

  public PluginReport {
    extensions = List.copyOf(extensions);
  }

  /** A loaded plugin in that state; a started one lists its extension classes. */
  static PluginReport of(PluginWrapper w, String state, String reason) {
    PluginDescriptor d = w.getDescriptor();
    List<String> extensions =
        state.equals(STARTED)
            ? w.getPluginManager().getExtensionClassNames(w.getPluginId()).stream()
                .sorted()
                .toList()
            : List.of();
    return new PluginReport(
        w.getPluginId(),
        d.getVersion(),
        file(w.getPluginPath()).toString(),
        state,
        reason,
        d.getRequires(),
        d.getProvider(),
        d.getPluginDescription(),
        extensions,
        JAR,
        null);
  }

  /** A file PF4J could not load, reported under its file name. */
  static PluginReport unreadable(Path file, String reason) {
    String name = file.getFileName().toString();
    return new PluginReport(
        name, null, file.toString(), REFUSED, reason, null, null, null, List.of(), JAR, null);
  }

  /** An executable plugin's report from its descriptor. */
  static PluginReport exec(
      dev.booty.core.plugin.remote.ExecDescriptor d, String state, String reason) {
    return new PluginReport(
        d.id(),
        d.version(),
        d.folder().toString(),
        state,
        reason,
        d.requires(),
        null,
        d.description(),
        d.labels(),
        EXEC,
        d.command());
  }

  /** An executable plugin folder whose descriptor cannot be used, under the folder's name. */
  static PluginReport unreadableExec(Path folder, String reason) {
    return new PluginReport(
        folder.getFileName().toString(),
        null,
        folder.toString(),
        REFUSED,
        reason,
        null,
        null,
        null,
        List.of(),
        EXEC,
        null);
  }

  /** PF4J loads a zip from the folder it expands it into, next to the zip. */
  private static Path file(Path loaded) {
    Path zip = loaded.resolveSibling(loaded.getFileName() + ".zip");
    return Files.isDirectory(loaded) && Files.isRegularFile(zip) ? zip : loaded;
  }
}

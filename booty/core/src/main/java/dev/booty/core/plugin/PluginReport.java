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
 * @param extensions the extension classes it contributes, when started
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
        extensions);
  }

  /** A file PF4J could not load, reported under its file name. */
  static PluginReport unreadable(Path file, String reason) {
    String name = file.getFileName().toString();
    return new PluginReport(
        name, null, file.toString(), REFUSED, reason, null, null, null, List.of());
  }

  /** PF4J loads a zip from the folder it expands it into, next to the zip. */
  private static Path file(Path loaded) {
    Path zip = loaded.resolveSibling(loaded.getFileName() + ".zip");
    return Files.isDirectory(loaded) && Files.isRegularFile(zip) ? zip : loaded;
  }
}

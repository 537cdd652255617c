package dev.booty.core.source;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.booty.core.BootyException;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The index of an offline mirror folder, {@code DIR/mirror.json}: for each component, version and
 * platform, the file (relative to DIR) and its sha256.
 *
 * <pre>
 * { "format": 1,
 *   "components": { "nomad": { "1.10.5": { "linux/amd64":
 *       { "file": "nomad/1.10.5/linux-amd64/nomad", "sha256": "..." } } } } }
 * </pre>
 */
public record MirrorIndex(
    @JsonProperty("format") int format,
    @JsonProperty("components") Map<String, Map<String, Map<String, Entry>>> components) {

  public static final String FILE = "mirror.json";
  public static final int FORMAT = 1;

  /** One binary in the mirror. */
  public record Entry(@JsonProperty("file") String file, @JsonProperty("sha256") String sha256) {}

  public static MirrorIndex empty() {
    return new MirrorIndex(FORMAT, new TreeMap<>());
  }

  /** Reads DIR/mirror.json; a folder without one is an empty mirror. */
  public static MirrorIndex read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return empty();
    }
    try {
      MirrorIndex index = Json.MAPPER.readValue(file.toFile(), MirrorIndex.class);
      if (index.format != FORMAT) {
        throw BootyException.failure(
            file
                + ": mirror format "
                + index.format
                + " is not supported (expected "
                + FORMAT
                + ")");
      }
      return new MirrorIndex(
          index.format, index.components == null ? new TreeMap<>() : deepCopy(index.components));
    } catch (IOException e) {
      throw BootyException.failure("cannot read mirror index " + file + ": " + e.getMessage());
    }
  }

  public Optional<Entry> find(String component, String version, String platform) {
    return Optional.ofNullable(components.get(component))
        .map(v -> v.get(version))
        .map(p -> p.get(platform));
  }

  /** A copy of this index with one more entry. */
  public MirrorIndex with(String component, String version, String platform, Entry entry) {
    Map<String, Map<String, Map<String, Entry>>> copy = deepCopy(components);
    copy.computeIfAbsent(component, k -> new TreeMap<>())
        .computeIfAbsent(version, k -> new TreeMap<>())
        .put(platform, entry);
    return new MirrorIndex(FORMAT, copy);
  }

  /** Writes DIR/mirror.json atomically. */
  public void write(Path dir) throws IOException {
    FileTrees.writeAtomically(dir.resolve(FILE), Json.MAPPER.writeValueAsString(this), false);
  }

  private static Map<String, Map<String, Map<String, Entry>>> deepCopy(
      Map<String, Map<String, Map<String, Entry>>> in) {
    Map<String, Map<String, Map<String, Entry>>> out = new TreeMap<>();
    in.forEach(
        (c, versions) -> {
          Map<String, Map<String, Entry>> vs = new TreeMap<>();
          versions.forEach((v, platforms) -> vs.put(v, new TreeMap<>(platforms)));
          out.put(c, vs);
        });
    return out;
  }
}

package dev.booty.core.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.booty.core.BootyException;
import dev.booty.core.manifest.ComponentSpec.Sources;
import dev.booty.core.manifest.ComponentSpec.VersionCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code components.yaml}: the manifest shipped inside booty, or a file given with {@code
 * --manifest} / {@code BOOTY_MANIFEST}. Errors name the file, the line and the key.
 */
public final class ManifestLoader {
  public static final String ENV = "BOOTY_MANIFEST";
  private static final String BUILT_IN = "components.yaml";
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
  private static final List<String> FORMATS = List.of("zip", "tar.gz", "binary");
  private static final List<String> ALGORITHMS = List.of("sha256", "sha512");

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ManifestLoader() {}

  /** The file named by {@code explicit}, else by {@code BOOTY_MANIFEST}, else the built-in one. */
  public static Manifest load(Path explicit, Map<String, String> env) {
    Path file = explicit;
    if (file == null && env.get(ENV) != null && !env.get(ENV).isBlank()) {
      file = Path.of(env.get(ENV));
    }
    return file == null ? builtIn() : load(file);
  }

  public static Manifest builtIn() {
    try (InputStream in = ManifestLoader.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw BootyException.failure("the built-in " + BUILT_IN + " is missing from booty's jars");
      }
      return parse(in.readAllBytes(), "built-in " + BUILT_IN);
    } catch (IOException e) {
      throw BootyException.failure("cannot read the built-in " + BUILT_IN + ": " + e.getMessage());
    }
  }

  public static Manifest load(Path file) {
    try {
      return parse(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw BootyException.usage("cannot read manifest " + file + ": " + e.getMessage());
    }
  }

  static Manifest parse(byte[] yaml, String origin) {
    File raw;
    try {
      raw = YAML.readValue(yaml, File.class);
    } catch (UnrecognizedPropertyException e) {
      throw error(
          origin,
          keyLine(yaml, e.getPropertyName(), e.getLocation()),
          "unknown key '"
              + e.getPropertyName()
              + "' at "
              + path(e)
              + " (known: "
              + String.join(", ", e.getKnownPropertyIds().stream().map(Object::toString).toList())
              + ")");
    } catch (JsonProcessingException e) {
      throw error(
          origin,
          e.getLocation() == null ? -1 : e.getLocation().getLineNr(),
          e.getOriginalMessage() + " at " + path(e));
    } catch (IOException e) {
      throw BootyException.usage(origin + ": " + e.getMessage());
    }
    if (raw == null || raw.components == null || raw.components.isEmpty()) {
      throw BootyException.usage(origin + ": no 'components'");
    }
    if (raw.manifestVersion != Manifest.FORMAT) {
      throw BootyException.usage(
          origin
              + ": manifestVersion "
              + raw.manifestVersion
              + " is not supported (this booty reads "
              + Manifest.FORMAT
              + ")");
    }
    Map<String, ComponentSpec> components = new LinkedHashMap<>();
    raw.components.forEach((name, c) -> components.put(name, validate(origin, name, c)));
    return new Manifest(raw.manifestVersion, origin, components);
  }

  private static ComponentSpec validate(String origin, String name, Component c) {
    String at = origin + ": components." + name;
    List<String> problems = new ArrayList<>();
    java.util.Map<String, Object> required = new java.util.LinkedHashMap<>();
    required.put("description", c.description);
    required.put("binary", c.binary);
    required.put("default", c.defaultVersion);
    required.put("versions", c.versions);
    required.put("platforms", c.platforms);
    required.put("versionCheck", c.versionCheck);
    required.put("sources", c.sources);
    List<String> missing =
        required.entrySet().stream()
            .filter(e -> e.getValue() == null)
            .map(java.util.Map.Entry::getKey)
            .toList();
    if (!missing.isEmpty()) {
      throw BootyException.usage(at + ": missing key(s) " + String.join(", ", missing));
    }
    if (c.versionCheck.args() == null || c.versionCheck.expect() == null) {
      throw BootyException.usage(at + ".versionCheck: needs 'args' and 'expect'");
    }
    if (!NAME.matcher(name).matches()) {
      problems.add("name must match " + NAME.pattern());
    }
    if (c.versions == null || c.versions.isEmpty()) {
      problems.add("'versions' is empty");
    } else if (!c.versions.contains(c.defaultVersion)) {
      problems.add("'default' " + c.defaultVersion + " is not among 'versions' " + c.versions);
    }
    if (c.platforms == null || c.platforms.isEmpty()) {
      problems.add("'platforms' is empty");
    } else {
      for (String p : c.platforms) {
        try {
          Platform.parse(p);
        } catch (IllegalArgumentException e) {
          problems.add("'platforms': " + e.getMessage());
        }
      }
    }
    if (!c.versionCheck.expect().contains("{version}")) {
      problems.add("'versionCheck.expect' must contain {version}");
    }
    Sources s = c.sources;
    if (s.release() == null && s.go() == null && s.system() == null) {
      problems.add("'sources' names none of release, go, system");
    }
    if (s.system() != null && !s.system().args().isEmpty() && !s.system().bundled()) {
      problems.add("'sources.system.args' needs 'sources.system.with' (a wrapper passes them)");
    }
    if (s.release() != null) {
      if (!FORMATS.contains(s.release().format())) {
        problems.add("'sources.release.format' must be one of " + FORMATS);
      }
      if (!ALGORITHMS.contains(s.release().algorithm())) {
        problems.add("'sources.release.algorithm' must be one of " + ALGORITHMS);
      }
    }
    if (!problems.isEmpty()) {
      throw BootyException.usage(at + ": " + String.join("; ", problems));
    }
    return new ComponentSpec(
        name,
        c.description,
        c.binary,
        c.defaultVersion,
        List.copyOf(c.versions),
        List.copyOf(c.platforms),
        c.versionCheck,
        s);
  }

  private static String path(JsonProcessingException e) {
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
      StringBuilder sb = new StringBuilder();
      for (var ref : m.getPath()) {
        if (ref.getFieldName() != null) {
          sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          sb.append('[').append(ref.getIndex()).append(']');
        }
      }
      return sb.isEmpty() ? "the top level" : sb.toString();
    }
    return "the top level";
  }

  /**
   * The line of an unknown key. Jackson reports the end of the enclosing mapping for records (their
   * properties are buffered), so look for the key itself at or before that line.
   */
  private static int keyLine(byte[] yaml, String key, JsonLocation loc) {
    int limit = loc == null || loc.getLineNr() < 0 ? Integer.MAX_VALUE : loc.getLineNr();
    String[] lines = new String(yaml, java.nio.charset.StandardCharsets.UTF_8).split("\\R", -1);
    Pattern p = Pattern.compile("(^|[\\s{,])" + Pattern.quote(key) + "\\s*:");
    int found = -1;
    for (int i = 0; i < lines.length && i < limit; i++) {
      if (p.matcher(lines[i]).find()) {
        found = i + 1;
      }
    }
    return found > 0 ? found : (loc == null ? -1 : loc.getLineNr());
  }

  private static BootyException error(String origin, int line, String message) {
    String where = line < 0 ? origin : origin + ":" + line;
    return BootyException.usage(where + ": " + message);
  }

  /** The file as written; validated into {@link Manifest}. */
  record File(
      @JsonProperty("manifestVersion") int manifestVersion,
      @JsonProperty("components") LinkedHashMap<String, Component> components) {}

  record Component(
      @JsonProperty("description") String description,
      @JsonProperty("binary") String binary,
      @JsonProperty("default") String defaultVersion,
      @JsonProperty("versions") List<String> versions,
      @JsonProperty("platforms") List<String> platforms,
      @JsonProperty("versionCheck") VersionCheck versionCheck,
      @JsonProperty("sources") Sources sources) {}
}

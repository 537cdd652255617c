package dev.booty.core.plugin.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.booty.api.Durations;
import dev.booty.core.BootyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An executable plugin's {@code plugin.yaml}: a folder {@code HOME/plugins/ID/} holding it is an
 * executable plugin. {@code ${java}} in the command is booty's own java, {@code ${plugin}} the
 * folder.
 *
 * @param extensions the extensions it serves, as {@code extensions:} declares them: a list of ids
 *     per point ({@code chaos: [exec]}, {@code cluster: [nats]}), an item with abilities as a
 *     mapping ({@code hosting: [{id: fly, abilities: [preview, wan]}]})
 * @param startTimeout {@code timeouts.start}, 10 s by default
 * @param callTimeout {@code timeouts.call}, 5 min by default
 */
public record ExecDescriptor(
    Path file,
    String id,
    String version,
    String requires,
    List<Integer> protocols,
    String description,
    List<String> command,
    List<Extension> extensions,
    Duration startTimeout,
    Duration callTimeout) {

  /** The descriptor's file name. */
  public static final String FILE = "plugin.yaml";

  public ExecDescriptor {
    protocols = List.copyOf(protocols);
    command = List.copyOf(command);
    extensions = List.copyOf(extensions);
  }

  /** The points an executable plugin may serve, with the abilities each may declare. */
  public static final Map<String, List<String>> POINTS =
      Map.of(
          "chaos", List.of(),
          "cluster", List.of(),
          "dns", List.of("dns-chaos"),
          "hosting", List.of("preview", "resolvers", "wan"));

  /**
   * One declared extension.
   *
   * @param point {@code chaos}, {@code cluster}, {@code dns} or {@code hosting}
   * @param abilities sorted: {@code dns-chaos}; {@code preview}, {@code resolvers}, {@code wan}
   */
  public record Extension(String point, String id, List<String> abilities) {
    public Extension {
      abilities = abilities.stream().sorted().distinct().toList();
    }

    /**
     * How booty and {@code Describe} name it: {@code chaos:exec}, {@code hosting:fly[preview,wan]}.
     */
    public String label() {
      return label(point, id, abilities);
    }

    /** The label of an extension with these abilities (sorted here). */
    public static String label(String point, String id, List<String> abilities) {
      return point
          + ":"
          + id
          + (abilities.isEmpty()
              ? ""
              : abilities.stream().sorted().collect(Collectors.joining(",", "[", "]")));
    }
  }

  /** The ids of the chaos modes it serves. */
  public List<String> chaos() {
    return ids("chaos");
  }

  /** The ids of the extensions of one point. */
  public List<String> ids(String point) {
    return extensions.stream().filter(e -> e.point().equals(point)).map(Extension::id).toList();
  }

  /** The labels of its extensions ({@link Extension#label}), as {@code Describe} must name them. */
  public List<String> labels() {
    return extensions.stream().map(Extension::label).toList();
  }

  /** The plugin's folder. */
  public Path folder() {
    return file.getParent();
  }

  /** The command with {@code ${java}} and {@code ${plugin}} replaced. */
  public List<String> resolvedCommand() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return command.stream()
        .map(a -> a.replace("${java}", java).replace("${plugin}", folder().toString()))
        .toList();
  }

  /** What starting it needs. */
  public PluginProcess.Spec spec() {
    return new PluginProcess.Spec(id, folder(), resolvedCommand(), startTimeout, file);
  }

  /**
   * Reads a {@code plugin.yaml}.
   *
   * @throws BootyException (bad usage) naming the file and the key that is wrong
   */
  public static ExecDescriptor load(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (IOException e) {
      throw BootyException.usage("cannot read " + file + ": " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw BootyException.usage(file + ": expected a mapping with id, version, command, ...");
    }
    Reader r = new Reader(file, root);
    JsonNode timeouts = root.path("timeouts");
    return new ExecDescriptor(
        file,
        r.text("id", true),
        r.text("version", true),
        r.text("requires", true),
        r.ints("protocols"),
        r.text("description", false),
        r.texts(root.path("command"), "command", true),
        r.extensions(root.path("extensions")),
        r.duration(timeouts.path("start"), "timeouts.start", Duration.ofSeconds(10)),
        r.duration(timeouts.path("call"), "timeouts.call", Duration.ofMinutes(5)));
  }

  private record Reader(Path file, JsonNode root) {
    String text(String key, boolean required) {
      JsonNode n = root.path(key);
      if (n.isMissingNode() || n.isNull()) {
        if (required) {
          throw error(key, "is missing");
        }
        return null;
      }
      if (!n.isValueNode() || n.asText().isBlank()) {
        throw error(key, "expected a text");
      }
      return n.asText();
    }

    List<Integer> ints(String key) {
      JsonNode n = root.path(key);
      if (n.isMissingNode()) {
        return List.of(1);
      }
      List<Integer> out = new ArrayList<>();
      for (JsonNode v : n) {
        if (!v.canConvertToInt()) {
          throw error(key, "expected a list of protocol numbers, found '" + v.asText() + "'");
        }
        out.add(v.asInt());
      }
      if (!n.isArray() || out.isEmpty()) {
        throw error(key, "expected a list of protocol numbers, e.g. [1]");
      }
      return out;
    }

    List<String> texts(JsonNode n, String key, boolean required) {
      if (n.isMissingNode() || n.isNull()) {
        if (required) {
          throw error(key, "is missing");
        }
        return List.of();
      }
      if (!n.isArray()) {
        throw error(key, "expected a list");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode v : n) {
        if (!v.isValueNode()) {
          throw error(key, "expected a list of texts");
        }
        out.add(v.asText());
      }
      if (required && out.isEmpty()) {
        throw error(key, "expected at least one item");
      }
      return out;
    }

    List<Extension> extensions(JsonNode n) {
      if (n.isMissingNode() || n.isNull()) {
        return List.of();
      }
      if (!n.isObject()) {
        throw error("extensions", "expected a mapping of points (chaos, cluster, dns, hosting)");
      }
      List<Extension> out = new ArrayList<>();
      for (var field : (Iterable<Map.Entry<String, JsonNode>>) n::fields) {
        String point = field.getKey();
        String key = "extensions." + point;
        List<String> allowed = POINTS.get(point);
        if (allowed == null) {
          throw error(key, "unknown extension point; known: chaos, cluster, dns, hosting");
        }
        if (!field.getValue().isArray()) {
          throw error(key, "expected a list of ids");
        }
        int i = 0;
        for (JsonNode item : field.getValue()) {
          out.add(extension(point, key + "[" + i++ + "]", item, allowed));
        }
      }
      return out;
    }

    private Extension extension(String point, String key, JsonNode item, List<String> allowed) {
      if (item.isValueNode() && !item.asText().isBlank()) {
        return new Extension(point, item.asText(), List.of());
      }
      if (!item.isObject()
          || !item.path("id").isValueNode()
          || item.path("id").asText().isBlank()) {
        throw error(key, "expected an id, or a mapping with id and abilities");
      }
      List<String> abilities = texts(item.path("abilities"), key + ".abilities", false);
      for (String a : abilities) {
        if (!allowed.contains(a)) {
          throw error(
              key + ".abilities",
              "'%s' is no ability of %s; known: %s"
                  .formatted(a, point, allowed.isEmpty() ? "none" : String.join(", ", allowed)));
        }
      }
      return new Extension(point, item.path("id").asText(), abilities);
    }

    Duration duration(JsonNode n, String key, Duration otherwise) {
      if (n.isMissingNode() || n.isNull()) {
        return otherwise;
      }
      try {
        return Durations.parse(n.asText());
      } catch (RuntimeException e) {
        throw error(key, "expected a duration such as 10s or 5m, found '" + n.asText() + "'");
      }
    }

    BootyException error(String key, String what) {
      return BootyException.usage(file + ": " + key + ": " + what);
    }
  }

  /** Whether a folder holds an executable plugin. */
  public static boolean isPluginFolder(Path dir) {
    return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve(FILE));
  }
}

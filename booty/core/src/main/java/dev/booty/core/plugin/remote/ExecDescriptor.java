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

/**
 * An executable plugin's {@code plugin.yaml}: a folder {@code HOME/plugins/ID/} holding it is an
 * executable plugin. {@code ${java}} in the command is booty's own java, {@code ${plugin}} the
 * folder.
 *
 * @param chaos the chaos modes it serves ({@code extensions: {chaos: [exec]}})
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
    List<String> chaos,
    Duration startTimeout,
    Duration callTimeout) {

  /** The descriptor's file name. */
  public static final String FILE = "plugin.yaml";

  public ExecDescriptor {
    protocols = List.copyOf(protocols);
    command = List.copyOf(command);
    chaos = List.copyOf(chaos);
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
        r.texts(root.path("extensions").path("chaos"), "extensions.chaos", false),
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

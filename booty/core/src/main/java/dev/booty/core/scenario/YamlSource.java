package dev.booty.core.scenario;

import dev.booty.api.Durations;
import dev.booty.core.BootyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML file read as SnakeYAML nodes: typed reads of a node that fail with one message naming
 * {@code file:line:column}, the key path and what was expected.
 */
final class YamlSource {
  private static final Pattern WHOLE_NUMBER = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

  private final String origin;

  YamlSource(String origin) {
    this.origin = origin;
  }

  String origin() {
    return origin;
  }

  static Position position(Node node) {
    return new Position(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
  }

  /** {@code file:line:column: message}, pointing at {@code node}. */
  BootyException error(Node node, String message) {
    return BootyException.usage(origin + ":" + position(node) + ": " + message);
  }

  static boolean isNull(Node node) {
    return node == null
        || (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL) && isPlainNull(s));
  }

  private static boolean isPlainNull(ScalarNode s) {
    String v = s.getValue();
    return v.isEmpty() || v.equals("~") || v.equalsIgnoreCase("null");
  }

  /** How a node reads to a person: {@code 'three'}, {@code a list}, {@code a mapping}. */
  static String describe(Node node) {
    if (isNull(node)) {
      return "nothing";
    }
    return switch (node.getNodeId()) {
      case scalar -> "'" + ((ScalarNode) node).getValue() + "'";
      case sequence -> "a list";
      case mapping -> "a mapping";
      default -> "'" + node.getNodeId() + "'";
    };
  }

  YamlMapping mapping(Node node, String path) {
    if (isNull(node) || node.getNodeId() != NodeId.mapping) {
      throw error(node, label(path) + "expected a mapping (key: value), got " + describe(node));
    }
    return new YamlMapping(this, path, (MappingNode) node);
  }

  List<Node> sequence(Node node, String path) {
    if (isNull(node) || node.getNodeId() != NodeId.sequence) {
      throw error(node, label(path) + "expected a list, got " + describe(node));
    }
    return ((SequenceNode) node).getValue();
  }

  /** A scalar's text as written (so {@code 2.10} stays {@code 2.10}); never empty. */
  String text(Node node, String path) {
    if (isNull(node) || node.getNodeId() != NodeId.scalar) {
      throw error(node, label(path) + "expected a string, got " + describe(node));
    }
    String v = ((ScalarNode) node).getValue();
    if (v.isBlank()) {
      throw error(node, label(path) + "must not be empty");
    }
    return v;
  }

  int integer(Node node, String path) {
    if (node instanceof ScalarNode s
        && s.getTag().equals(Tag.INT)
        && WHOLE_NUMBER.matcher(s.getValue()).matches()) {
      try {
        return Integer.parseInt(s.getValue());
      } catch (NumberFormatException e) {
        throw error(node, label(path) + s.getValue() + " is too large");
      }
    }
    throw error(node, label(path) + "expected a whole number, got " + describe(node));
  }

  int integer(Node node, String path, int min, int max) {
    int n = integer(node, path);
    if (n < min || n > max) {
      throw error(
          node,
          label(path)
              + n
              + " is out of range ("
              + (max == Integer.MAX_VALUE ? "at least " + min : min + ".." + max)
              + ")");
    }
    return n;
  }

  double number(Node node, String path) {
    if (node instanceof ScalarNode s
        && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))
        && NUMBER.matcher(s.getValue()).matches()) {
      return Double.parseDouble(s.getValue());
    }
    throw error(node, label(path) + "expected a number, got " + describe(node));
  }

  boolean bool(Node node, String path) {
    if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
      String v = s.getValue().toLowerCase(Locale.ROOT);
      if (v.equals("true") || v.equals("false")) {
        return v.equals("true");
      }
    }
    throw error(node, label(path) + "expected true or false, got " + describe(node));
  }

  /** A duration that is zero or more. */
  Duration duration(Node node, String path) {
    Duration d;
    try {
      d = Durations.parseSigned(text(node, path));
    } catch (IllegalArgumentException e) {
      throw error(node, label(path) + e.getMessage());
    }
    if (d.isNegative()) {
      throw error(node, label(path) + "must not be negative, got '" + text(node, path) + "'");
    }
    return d;
  }

  /** A free-form map of settings: every value a scalar, kept as written, in the file's order. */
  Map<String, String> stringMap(Node node, String path) {
    YamlMapping m = mapping(node, path);
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : m.keys()) {
      Node v = m.value(key);
      if (v != null && v.getNodeId() != NodeId.scalar) {
        throw error(v, label(m.at(key)) + "expected a string, got " + describe(v));
      }
      out.put(key, v == null ? "" : ((ScalarNode) v).getValue());
    }
    return Collections.unmodifiableMap(out);
  }

  /** One scalar or a list of them, as a list. */
  List<String> texts(Node node, String path) {
    if (node.getNodeId() != NodeId.sequence) {
      return List.of(text(node, path));
    }
    List<String> out = new ArrayList<>();
    List<Node> items = sequence(node, path);
    for (int i = 0; i < items.size(); i++) {
      out.add(text(items.get(i), path + "[" + i + "]"));
    }
    return List.copyOf(out);
  }

  static String label(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }
}

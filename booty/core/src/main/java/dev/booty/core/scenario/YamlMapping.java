package dev.booty.core.scenario;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * One YAML mapping of a scenario file at a key path ({@code ""} for the top level, {@code wan[0]},
 * {@code cluster}): duplicate keys are refused when it is made, unknown keys by {@link #known}, and
 * every read names the key and its line.
 */
final class YamlMapping {
  private final YamlSource source;
  private final String path;
  private final MappingNode node;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  YamlMapping(YamlSource source, String path, MappingNode node) {
    this.source = source;
    this.path = path;
    this.node = node;
    for (NodeTuple t : node.getValue()) {
      Node k = t.getKeyNode();
      if (k.getNodeId() != NodeId.scalar || YamlSource.isNull(k)) {
        throw source.error(
            k, "keys " + where() + " must be plain words, got " + YamlSource.describe(k));
      }
      String key = ((ScalarNode) k).getValue();
      NodeTuple first = entries.putIfAbsent(key, t);
      if (first != null) {
        throw source.error(
            k,
            "duplicate key '"
                + key
                + "' "
                + where()
                + " (first at line "
                + YamlSource.position(first.getKeyNode()).line()
                + ")");
      }
    }
  }

  /** {@code at the top level} or {@code in wan[0]}. */
  String where() {
    return path.isEmpty() ? "at the top level" : "in " + path;
  }

  /** The path of a key of this mapping: {@code wan[0].rtt}. */
  String at(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  Node node() {
    return node;
  }

  Set<String> keys() {
    return entries.keySet();
  }

  /** Refuses the first key that is not one of {@code known}. */
  void known(List<String> known) {
    for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
      if (!known.contains(e.getKey())) {
        throw source.error(
            e.getValue().getKeyNode(),
            "unknown key '"
                + e.getKey()
                + "' "
                + where()
                + " (known: "
                + String.join(", ", known)
                + ")");
      }
    }
  }

  /** The key's node, or null when the key is absent. */
  Node keyNode(String key) {
    NodeTuple t = entries.get(key);
    return t == null ? null : t.getKeyNode();
  }

  /** The key's value, or null when the key is absent or has no value. */
  Node value(String key) {
    NodeTuple t = entries.get(key);
    return t == null || YamlSource.isNull(t.getValueNode()) ? null : t.getValueNode();
  }

  /** The key's value; a missing key or value is an error pointing at this mapping. */
  Node require(String key) {
    Node v = value(key);
    if (v == null) {
      Node k = keyNode(key);
      throw k != null
          ? source.error(k, at(key) + ": missing value")
          : source.error(node, "missing key '" + key + "' " + where());
    }
    return v;
  }

  String string(String key) {
    Node v = value(key);
    return v == null ? null : source.text(v, at(key));
  }

  String requiredString(String key) {
    return source.text(require(key), at(key));
  }

  Integer integer(String key, int min, int max) {
    Node v = value(key);
    return v == null ? null : source.integer(v, at(key), min, max);
  }

  boolean bool(String key, boolean otherwise) {
    Node v = value(key);
    return v == null ? otherwise : source.bool(v, at(key));
  }

  Duration duration(String key) {
    Node v = value(key);
    return v == null ? null : source.duration(v, at(key));
  }

  Map<String, String> stringMap(String key) {
    Node v = value(key);
    return v == null ? Map.of() : source.stringMap(v, at(key));
  }

  /** The items of a list; empty when the key is absent. */
  List<Node> list(String key) {
    Node v = value(key);
    return v == null ? List.of() : source.sequence(v, at(key));
  }

  /** A nested mapping, or null when the key is absent. */
  YamlMapping mapping(String key) {
    Node v = value(key);
    return v == null ? null : source.mapping(v, at(key));
  }
}

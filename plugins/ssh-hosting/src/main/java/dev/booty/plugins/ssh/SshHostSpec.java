package dev.booty.plugins.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One server of a data centre, as the scenario lists it in the data centre's options: {@code
 * host.1.address}, {@code host.1.port} (22), {@code host.1.user} (root), {@code host.1.key} (the
 * private key file, {@code ~} expanded), {@code host.1.knownHost} (a known_hosts line pinning its
 * key), {@code host.1.acceptNewHostKey} (false), then {@code host.2.*}, ...
 *
 * @param dataCenter the data centre it belongs to, for messages
 * @param index its number in the list, from 1
 * @param knownHost the scenario's known_hosts line; empty: booty's own known_hosts decides
 * @param acceptNewHostKey whether an unknown host key is recorded and trusted (like OpenSSH's
 *     {@code StrictHostKeyChecking=accept-new}); a changed key is refused regardless
 */
record SshHostSpec(
    String dataCenter,
    int index,
    String address,
    int port,
    String user,
    Path key,
    Optional<String> knownHost,
    boolean acceptNewHostKey) {

  static final String PREFIX = "host.";
  private static final Pattern KEY = Pattern.compile("host\\.(\\d+)\\.([A-Za-z]+)");
  private static final List<String> FIELDS =
      List.of("address", "port", "user", "key", "knownHost", "acceptNewHostKey");

  /** How messages name the host: {@code host ADDRESS (datacenter DC)}, the port when not 22. */
  String label() {
    return "host " + endpoint() + " (datacenter " + dataCenter + ")";
  }

  /** {@code ADDRESS}, or {@code ADDRESS:PORT} when the port is not 22. */
  String endpoint() {
    return port == 22 ? address : address + ":" + port;
  }

  /**
   * The hosts of a data centre from its options (other options are left to the provider). {@code
   * userHome} expands a leading {@code ~} in key paths.
   *
   * @throws IllegalArgumentException naming the data centre and the option that is wrong
   */
  static List<SshHostSpec> parse(String dataCenter, Map<String, String> options, Path userHome) {
    String where = "datacenter " + dataCenter + ": ";
    TreeMap<Integer, Map<String, String>> byIndex = new TreeMap<>();
    for (Map.Entry<String, String> option : options.entrySet()) {
      if (!option.getKey().startsWith(PREFIX)) {
        continue;
      }
      Matcher m = KEY.matcher(option.getKey());
      if (!m.matches() || !FIELDS.contains(m.group(2))) {
        throw new IllegalArgumentException(
            where
                + option.getKey()
                + " is not a host setting (host.N."
                + String.join(", host.N.", FIELDS)
                + ")");
      }
      int index = Integer.parseInt(m.group(1));
      if (index < 1) {
        throw new IllegalArgumentException(where + option.getKey() + ": hosts count from 1");
      }
      byIndex.computeIfAbsent(index, i -> new TreeMap<>()).put(m.group(2), option.getValue());
    }
    if (byIndex.isEmpty()) {
      throw new IllegalArgumentException(
          where + "no hosts listed (host.1.address, host.1.key, ...)");
    }
    List<SshHostSpec> hosts = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int index = 1; index <= byIndex.lastKey(); index++) {
      Map<String, String> fields = byIndex.get(index);
      String name = PREFIX + index + ".";
      if (fields == null || !fields.containsKey("address")) {
        throw new IllegalArgumentException(where + name + "address is missing");
      }
      SshHostSpec host = one(dataCenter, index, fields, userHome, where + name);
      if (!seen.add(host.address() + ":" + host.port())) {
        throw new IllegalArgumentException(
            where + name + "address: " + host.endpoint() + " is listed twice");
      }
      hosts.add(host);
    }
    return List.copyOf(hosts);
  }

  private static SshHostSpec one(
      String dataCenter, int index, Map<String, String> fields, Path userHome, String name) {
    String address = fields.get("address").trim();
    if (address.isEmpty() || address.contains(" ")) {
      throw new IllegalArgumentException(
          name + "address: '" + fields.get("address") + "' is not a host name or address");
    }
    int port = 22;
    if (fields.containsKey("port")) {
      try {
        port = Integer.parseInt(fields.get("port").trim());
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(
            name + "port: '" + fields.get("port") + "' is not a port (1-65535)");
      }
    }
    String user = fields.getOrDefault("user", "root").trim();
    if (user.isEmpty()) {
      throw new IllegalArgumentException(name + "user is empty");
    }
    String keyText = fields.get("key");
    if (keyText == null || keyText.isBlank()) {
      throw new IllegalArgumentException(
          name + "key is missing (the private key file booty logs in with)");
    }
    Path key = expand(keyText.trim(), userHome);
    if (!Files.isReadable(key)) {
      throw new IllegalArgumentException(name + "key: " + key + " does not exist or is unreadable");
    }
    Optional<String> knownHost =
        Optional.ofNullable(fields.get("knownHost")).map(String::trim).filter(s -> !s.isEmpty());
    if (knownHost.isPresent() && knownHost.get().split("\\s+").length < 2) {
      throw new IllegalArgumentException(
          name + "knownHost: expected a known_hosts line (HOST KEYTYPE BASE64KEY)");
    }
    boolean accept = false;
    if (fields.containsKey("acceptNewHostKey")) {
      String value = fields.get("acceptNewHostKey").trim();
      if (!value.equals("true") && !value.equals("false")) {
        throw new IllegalArgumentException(
            name + "acceptNewHostKey: '" + value + "' is neither true nor false");
      }
      accept = value.equals("true");
    }
    return new SshHostSpec(dataCenter, index, address, port, user, key, knownHost, accept);
  }

  private static Path expand(String path, Path userHome) {
    if (path.equals("~")) {
      return userHome;
    }
    if (path.startsWith("~/")) {
      return userHome.resolve(path.substring(2));
    }
    return Path.of(path);
  }
}

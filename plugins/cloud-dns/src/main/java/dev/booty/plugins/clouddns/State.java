package dev.booty.plugins.clouddns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What publish made at one provider for one zone, in the order it was made, in a JSON file of the
 * plugin's work folder. Saved after every call that succeeds, so a publish cut short leaves an
 * exact record: the next plan makes only what is missing or different, and withdraw deletes only
 * what exists.
 */
final class State {
  /** One thing made: its id, the path that addresses it, and the body it was last given. */
  record Resource(String key, String id, String path, String body) {}

  private final Path file;
  private final String provider;
  private final Map<String, String> found = new LinkedHashMap<>();
  private final Map<String, String> access = new LinkedHashMap<>();
  private final List<Resource> resources = new ArrayList<>();

  private State(Path file, String provider) {
    this.file = file;
    this.provider = provider;
  }

  /** The file of one provider (extension id) and zone: both providers share the work folder. */
  static Path file(Path workDir, String provider, String zone) {
    return workDir.resolve(provider + "-" + zone + ".json");
  }

  /** The record in the file, or an empty one; {@code provider} starts its error messages. */
  static State load(Path file, String provider) {
    State state = new State(file, provider);
    if (!Files.exists(file)) {
      return state;
    }
    try {
      Object json = Json.parse(Files.readString(file));
      Json.object(json, "found").forEach((k, v) -> state.found.put(k, String.valueOf(v)));
      Json.object(json, "access").forEach((k, v) -> state.access.put(k, String.valueOf(v)));
      for (Object r : Json.array(json, "resources")) {
        state.resources.add(
            new Resource(
                Json.string(r, "key"),
                Json.string(r, "id"),
                Json.string(r, "path"),
                Json.string(r, "body")));
      }
      return state;
    } catch (IOException e) {
      throw new UncheckedIOException(provider + ": cannot read the state file " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          provider + ": the state file " + file + " is damaged: " + e.getMessage(), e);
    }
  }

  /**
   * Records ids a lookup found (Cloudflare's {@code zone} and {@code account}): they address what
   * is made, but are not made by publish, so withdraw leaves them be.
   */
  void found(Map<String, String> ids) {
    found.putAll(ids);
    save();
  }

  /**
   * How to reach the API again: the endpoint and where the token comes from ({@code tokenEnv},
   * {@code credentials}), never the token. Withdraw is handed only the zone's name, so it reads
   * these back.
   */
  Map<String, String> access() {
    return Map.copyOf(access);
  }

  void access(Map<String, String> settings) {
    if (!access.equals(settings)) {
      access.clear();
      access.putAll(settings);
      save();
    }
  }

  List<Resource> resources() {
    return List.copyOf(resources);
  }

  Optional<Resource> get(String key) {
    return resources.stream().filter(r -> r.key().equals(key)).findFirst();
  }

  /** Every id known, by key, for filling in a call's {@code ${key}}s. */
  Map<String, String> ids() {
    Map<String, String> ids = new LinkedHashMap<>(found);
    resources.forEach(r -> ids.put(r.key(), r.id()));
    return ids;
  }

  /** Records a resource made or changed: a changed one keeps its place in the order. */
  void put(Resource resource) {
    int i = indexOf(resource.key());
    if (i >= 0) {
      resources.set(i, resource);
    } else {
      resources.add(resource);
    }
    save();
  }

  void remove(String key) {
    int i = indexOf(key);
    if (i >= 0) {
      resources.remove(i);
    }
    save();
  }

  private int indexOf(String key) {
    for (int i = 0; i < resources.size(); i++) {
      if (resources.get(i).key().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** Writes the file through a temporary one, so a crash never leaves half a record. */
  private void save() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("found", new LinkedHashMap<String, Object>(found));
    json.put("access", new LinkedHashMap<String, Object>(access));
    List<Object> list = new ArrayList<>();
    for (Resource r : resources) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", r.key());
      m.put("id", r.id());
      m.put("path", r.path());
      m.put("body", r.body());
      list.add(m);
    }
    json.put("resources", list);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, Json.write(json) + "\n");
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(provider + ": cannot write the state file " + file, e);
    }
  }

  /** Removes the file once nothing is recorded. */
  void deleteIfEmpty() {
    if (resources.isEmpty()) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException(provider + ": cannot remove the state file " + file, e);
      }
    }
  }
}

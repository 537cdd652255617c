package dev.booty.plugins.googledns;

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
 * What publish made on Cloud DNS for one zone, in the order it was made, in a JSON file of the
 * plugin's work folder. Saved after every call that succeeds, so a publish cut short leaves an
 * exact record: the next plan makes only what is missing or different, and withdraw deletes only
 * what exists.
 */
final class State {
  /** One thing made: its id, the path that addresses it, and the body it was last given. */
  record Resource(String key, String id, String path, String body) {}

  private final Path file;
  private final Map<String, String> access = new LinkedHashMap<>();
  private final List<Resource> resources = new ArrayList<>();

  private State(Path file) {
    this.file = file;
  }

  static Path file(Path workDir, String zone) {
    return workDir.resolve("google-dns-" + zone + ".json");
  }

  static State load(Path file) {
    State state = new State(file);
    if (!Files.exists(file)) {
      return state;
    }
    try {
      Object json = Json.parse(Files.readString(file));
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
      throw new UncheckedIOException("google-dns: cannot read the state file " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "google-dns: the state file " + file + " is damaged: " + e.getMessage(), e);
    }
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
      throw new UncheckedIOException("google-dns: cannot write the state file " + file, e);
    }
  }

  /** Removes the file once nothing is recorded. */
  void deleteIfEmpty() {
    if (resources.isEmpty()) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("google-dns: cannot remove the state file " + file, e);
      }
    }
  }
}

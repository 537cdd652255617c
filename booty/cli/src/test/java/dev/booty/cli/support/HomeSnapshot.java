package dev.booty.cli.support;

import dev.booty.core.util.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every path under a booty home with its content hash (or link target): for "unchanged" checks. */
public final class HomeSnapshot {
  private HomeSnapshot() {}

  public static Map<String, String> of(Path root) throws IOException {
    Map<String, String> snap = new TreeMap<>();
    if (!Files.exists(root)) {
      return snap;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String rel = root.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          snap.put(rel, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          snap.put(rel + "/", "dir");
        } else {
          snap.put(rel, Digests.sha256(p));
        }
      }
    }
    return snap;
  }
}

package dev.booty.core.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of core's main sources form layers: no package imports one that imports it back
 * (directly or through others), and the named ones keep out of each other. Read from the sources,
 * so a new import that breaks a layer fails here with the files that do it.
 */
class PackageLayersTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern IMPORT =
      Pattern.compile(
          "^import (?:static )?(dev\\.booty\\.core(?:\\.[a-z]\\w*)*)\\.[A-Z]", Pattern.MULTILINE);

  /** package -> packages it imports -> files that import them */
  private static Map<String, Map<String, Set<String>>> graph() {
    Map<String, Map<String, Set<String>>> g = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(f);
        Matcher pm = PACKAGE.matcher(text);
        if (!pm.find()) {
          continue;
        }
        String pkg = pm.group(1);
        Map<String, Set<String>> out = g.computeIfAbsent(pkg, k -> new TreeMap<>());
        Matcher im = IMPORT.matcher(text);
        while (im.find()) {
          if (!im.group(1).equals(pkg)) {
            out.computeIfAbsent(im.group(1), k -> new TreeSet<>()).add(f.getFileName().toString());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return g;
  }

  @Test
  void noPackageImportsOneThatImportsItBack() {
    Map<String, Map<String, Set<String>>> g = graph();
    assertThat(g).containsKeys("dev.booty.core.deploy", "dev.booty.core.backchannel.agent");
    List<String> cycles = new ArrayList<>();
    for (String from : g.keySet()) {
      for (Map.Entry<String, Set<String>> edge : g.get(from).entrySet()) {
        List<String> back = path(g, edge.getKey(), from);
        if (back != null) {
          cycles.add(from + " -> " + String.join(" -> ", back) + " (" + edge.getValue() + ")");
        }
      }
    }
    assertThat(cycles).as("import cycles between packages").isEmpty();
  }

  @Test
  void namedPackagesKeepOutOfEachOther() {
    Map<String, Map<String, Set<String>>> g = graph();
    List<String> broken = new ArrayList<>();
    forbid(g, "dev.booty.core.deploy", "dev.booty.core.run", broken);
    forbid(g, "dev.booty.core.client", "dev.booty.core.run", broken);
    forbid(g, "dev.booty.core.client", "dev.booty.core.verdict", broken);
    forbid(g, "dev.booty.core.verdict", "dev.booty.core.run", broken);
    forbid(g, "dev.booty.core.report", "dev.booty.core.run", broken);
    forbid(g, "dev.booty.core.report", "dev.booty.core.verdict", broken);
    forbid(g, "dev.booty.core.backchannel.protocol", "dev.booty.core.backchannel.agent", broken);
    forbid(g, "dev.booty.core.backchannel.protocol", "dev.booty.core.backchannel.metrics", broken);
    forbid(g, "dev.booty.core.source", "dev.booty.core.install", broken);
    forbid(g, "dev.booty.core.manifest", "dev.booty.core.install", broken);
    assertThat(broken).isEmpty();
  }

  /** Records each import from a package under {@code from} of one under {@code to}. */
  private static void forbid(
      Map<String, Map<String, Set<String>>> g, String from, String to, List<String> broken) {
    g.forEach(
        (pkg, out) -> {
          if (pkg.equals(from) || pkg.startsWith(from + ".")) {
            out.forEach(
                (target, files) -> {
                  if (target.equals(to) || target.startsWith(to + ".")) {
                    broken.add(pkg + " imports " + target + " in " + files);
                  }
                });
          }
        });
  }

  /** A path of imports from {@code start} to {@code goal}, or null. */
  private static List<String> path(
      Map<String, Map<String, Set<String>>> g, String start, String goal) {
    List<String> stack = new ArrayList<>(List.of(start));
    return walk(g, start, goal, stack, new TreeSet<>());
  }

  private static List<String> walk(
      Map<String, Map<String, Set<String>>> g,
      String at,
      String goal,
      List<String> trail,
      Set<String> seen) {
    if (at.equals(goal)) {
      return List.copyOf(trail);
    }
    if (!seen.add(at)) {
      return null;
    }
    for (String next : g.getOrDefault(at, Map.of()).keySet()) {
      trail.add(next);
      List<String> found = walk(g, next, goal, trail, seen);
      if (found != null) {
        return found;
      }
      trail.remove(trail.size() - 1);
    }
    return null;
  }
}

package dev.booty.core.plugin;

import dev.booty.core.BootyException;
import dev.booty.core.util.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Puts plugin files into a plugins folder: checked in a scratch folder first, then copied in
 * through a temporary file and one rename, so the folder never holds a half-written plugin.
 */
final class PluginInstaller {
  private PluginInstaller() {}

  /**
   * Loads the file in a scratch folder the way the plugins folder would.
   *
   * @return its plugin id
   * @throws BootyException when it is missing, unreadable or built for another API
   */
  static String check(Path file) {
    if (!Files.isRegularFile(file)) {
      throw BootyException.usage("no plugin file " + file);
    }
    String name = file.getFileName().toString();
    if (!name.endsWith(".jar") && !name.endsWith(".zip")) {
      throw BootyException.usage("a plugin file is a .jar or a .zip, not " + file);
    }
    Path scratch;
    try {
      scratch = Files.createTempDirectory("booty-plugin-check-");
    } catch (IOException e) {
      throw BootyException.failure("cannot check " + file + ": " + e.getMessage());
    }
    try (PluginPlatform check = new PluginPlatform(scratch)) {
      Path copy = Files.copy(file, scratch.resolve(file.getFileName()));
      String key = check.loadOne(copy);
      PluginReport r = check.report(key);
      if (r != null && r.state().equals(PluginReport.REFUSED)) {
        throw BootyException.failure("plugin " + key + " (" + file + ") refused: " + r.reason());
      }
      return key;
    } catch (IOException e) {
      throw BootyException.failure("cannot check " + file + ": " + e.getMessage());
    } finally {
      try {
        FileTrees.deleteRecursively(scratch);
      } catch (IOException ignored) {
        // a temp folder; the OS cleans it eventually
      }
    }
  }

  /**
   * Copies {@code file} to {@code target}, then removes {@code older} (files of the same plugin
   * under other names; for a zip, PF4J's expanded folder with it).
   */
  static void place(Path file, Path target, List<Path> older) {
    copyAtomically(file, target);
    for (Path old : older) {
      try {
        if (Files.isDirectory(old)) {
          FileTrees.deleteRecursively(old);
          Files.deleteIfExists(old.resolveSibling(old.getFileName() + ".zip"));
        } else {
          Files.deleteIfExists(old);
          String name = old.getFileName().toString();
          if (name.endsWith(".zip")) {
            FileTrees.deleteRecursively(
                old.resolveSibling(name.substring(0, name.length() - ".zip".length())));
          }
        }
      } catch (IOException e) {
        throw BootyException.failure(
            "installed " + target + " but cannot remove the older " + old + ": " + e.getMessage());
      }
    }
  }

  /** Copies through a hidden temporary file in the target's folder and one rename. */
  static void copyAtomically(Path file, Path target) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + "-", ".tmp");
      Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw BootyException.failure("cannot copy " + file + " to " + target + ": " + e.getMessage());
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a hidden temp file the plugin loader skips
        }
      }
    }
  }
}

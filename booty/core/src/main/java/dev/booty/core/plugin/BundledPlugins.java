package dev.booty.core.plugin;

import dev.booty.core.BootyException;
import dev.booty.core.plugin.remote.ExecDescriptor;
import dev.booty.core.plugin.remote.ExecInstaller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plugins a booty distribution ships in its {@code plugins} folder. booty loads plugins from
 * the home only, so every use copies the bundled ones in: a file missing from the home, or there
 * under the same name with other content, is replaced through a temporary file and one rename.
 * Files of other names (plugins the user installed) are never touched, and disabling a bundled
 * plugin lasts, since that is kept in the home's {@code disabled.txt}.
 */
public final class BundledPlugins {
  /** The system property the launcher ({@code bin/booty}) sets to {@code DIST/plugins}. */
  public static final String PROPERTY = "booty.plugins.bundled";

  /** Overrides {@link #PROPERTY}, e.g. for tests running booty in-process. */
  public static final String ENV = "BOOTY_BUNDLED_PLUGINS";

  private BundledPlugins() {}

  /**
   * Where the running distribution keeps its plugins: {@code $BOOTY_BUNDLED_PLUGINS}, else the
   * system property the launcher sets; null when neither is set (booty run from a build tree).
   */
  public static Path location(Map<String, String> env) {
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    String property = System.getProperty(PROPERTY);
    return property == null || property.isBlank() ? null : Path.of(property);
  }

  /**
   * Copies into {@code target} each plugin file of {@code bundled} that is missing there or
   * differs. A missing {@code bundled} folder is no plugins.
   *
   * @return the names of the files copied
   */
  public static List<String> sync(Path bundled, Path target) {
    if (!Files.isDirectory(bundled)) {
      return List.of();
    }
    try {
      Files.createDirectories(target);
    } catch (IOException e) {
      throw BootyException.failure(
          "cannot create the plugins folder " + target + ": " + e.getMessage());
    }
    List<String> copied = new ArrayList<>();
    for (Path file : PluginFiles.list(bundled)) {
      Path there = target.resolve(file.getFileName().toString());
      if (!same(file, there)) {
        PluginInstaller.copyAtomically(file, there);
        copied.add(file.getFileName().toString());
      }
      dropOtherPackaging(file.getFileName().toString(), target);
    }
    copied.addAll(syncFolders(bundled, target));
    return copied;
  }

  /** Copies the bundled executable plugins' folders ({@code ID/plugin.yaml}) that differ. */
  private static List<String> syncFolders(Path bundled, Path target) {
    List<String> copied = new ArrayList<>();
    try (var s = Files.list(bundled)) {
      for (Path folder : s.filter(ExecDescriptor::isPluginFolder).sorted().toList()) {
        Path there = target.resolve(folder.getFileName().toString());
        if (!ExecInstaller.sameTree(folder, there)) {
          ExecDescriptor staged = ExecInstaller.stage(folder, target);
          ExecInstaller.commit(staged, target);
          ExecInstaller.dropBackup(staged.id(), target);
          copied.add(folder.getFileName() + "/");
        }
      }
    } catch (IOException e) {
      throw BootyException.failure("cannot list " + bundled + ": " + e.getMessage());
    }
    return copied;
  }

  /**
   * A bundled plugin that changed packaging (a jar that became a zip with its libraries) must not
   * stay in the home in its old form too: PF4J would find two plugins with one id.
   */
  private static void dropOtherPackaging(String name, Path target) {
    String other =
        name.endsWith(".zip")
            ? name.substring(0, name.length() - 4) + ".jar"
            : name.endsWith(".jar") ? name.substring(0, name.length() - 4) + ".zip" : null;
    if (other == null) {
      return;
    }
    try {
      Files.deleteIfExists(target.resolve(other));
    } catch (IOException e) {
      throw BootyException.failure(
          "cannot remove the old " + target.resolve(other) + ": " + e.getMessage());
    }
  }

  private static boolean same(Path bundled, Path there) {
    try {
      return Files.isRegularFile(there)
          && Files.size(bundled) == Files.size(there)
          && Files.mismatch(bundled, there) == -1;
    } catch (IOException e) {
      throw BootyException.failure(
          "cannot compare the bundled plugin "
              + bundled
              + " with "
              + there
              + ": "
              + e.getMessage());
    }
  }
}

package dev.booty.core.plugin;

import dev.booty.api.ApiVersion;
import dev.booty.api.BootyExtension;
import dev.booty.core.BootyException;
import dev.booty.core.util.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DependencyResolver;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.util.FileUtils;

/**
 * booty's plugins: PF4J plugins (zip or jar) in {@code HOME/plugins}. Each is loaded, checked
 * against the API version, resolved and started on its own, so a broken one (bad descriptor,
 * missing dependency, wrong API version, exception at start) is reported with its id and reason
 * while the others work. A plugin declares the booty API it was built for as {@code
 * Plugin-Requires: MAJOR.MINOR}.
 */
public final class PluginPlatform implements AutoCloseable {
  private final Path dir;
  private final Manager manager;
  private final Map<String, PluginReport> reports = new LinkedHashMap<>();

  /** PF4J's manager, with dependency resolution held back until every plugin is loaded. */
  private static final class Manager extends DefaultPluginManager {
    boolean holdResolution = true;

    Manager(Path dir) {
      super(dir);
    }

    @Override
    protected void resolvePlugins() {
      if (!holdResolution) {
        super.resolvePlugins();
      }
    }

    void resolveNow() {
      holdResolution = false;
      try {
        super.resolvePlugins();
      } finally {
        holdResolution = true;
      }
    }
  }

  public PluginPlatform(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw BootyException.failure(
          "cannot create the plugins folder " + dir + ": " + e.getMessage());
    }
    this.manager = new Manager(dir);
  }

  /** Loads and starts every plugin in the folder; returns a report per plugin. */
  public List<PluginReport> load() {
    for (Path file : pluginFiles()) {
      loadOne(file);
    }
    resolve();
    for (PluginWrapper w : manager.getResolvedPlugins()) {
      if (w.getPluginState() == PluginState.DISABLED) {
        report(
            w,
            PluginReport.DISABLED,
            "disabled with 'booty plugins enable " + w.getPluginId() + "' to turn it on");
        continue;
      }
      PluginState state = manager.startPlugin(w.getPluginId());
      if (state == PluginState.STARTED) {
        report(w, PluginReport.STARTED, null);
      } else {
        Throwable cause = w.getFailedException();
        report(
            w,
            PluginReport.FAILED,
            "did not start: " + (cause == null ? state.toString() : describe(cause)));
      }
    }
    return List.copyOf(reports.values());
  }

  /** The extensions of started plugins for an extension point. */
  public <T extends BootyExtension> List<T> extensions(Class<T> point) {
    return manager.getExtensions(point);
  }

  /** The one extension of {@code point} whose {@link BootyExtension#id()} is {@code id}. */
  public <T extends BootyExtension> T extension(Class<T> point, String id) {
    List<T> all = extensions(point);
    return all.stream()
        .filter(e -> e.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                BootyException.usage(
                    "no "
                        + point.getSimpleName()
                        + " '"
                        + id
                        + "'; available: "
                        + (all.isEmpty()
                            ? "none"
                            : String.join(", ", all.stream().map(BootyExtension::id).toList()))));
  }

  /**
   * Installs a plugin file: checked in a scratch folder first (descriptor, API version), then
   * copied into the plugins folder. A bad file leaves the folder as it was.
   */
  public PluginReport install(Path file) {
    if (!Files.isRegularFile(file)) {
      throw BootyException.usage("no plugin file " + file);
    }
    Path scratch;
    try {
      scratch = Files.createTempDirectory("booty-plugin-check-");
    } catch (IOException e) {
      throw BootyException.failure("cannot check " + file + ": " + e.getMessage());
    }
    try (PluginPlatform check = new PluginPlatform(scratch)) {
      Files.copy(file, scratch.resolve(file.getFileName()));
      PluginReport r = check.loadOne(scratch.resolve(file.getFileName()));
      if (r.state().equals(PluginReport.REFUSED) || r.state().equals(PluginReport.FAILED)) {
        throw BootyException.failure("plugin " + r.id() + " (" + file + ") refused: " + r.reason());
      }
      Path target = dir.resolve(file.getFileName());
      Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
      Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return r;
    } catch (IOException e) {
      throw BootyException.failure("cannot install " + file + ": " + e.getMessage());
    } finally {
      try {
        FileTrees.deleteRecursively(scratch);
      } catch (IOException ignored) {
        // a temp folder; the OS cleans it eventually
      }
    }
  }

  public void enable(String id) {
    known(id);
    if (!manager.enablePlugin(id)) {
      throw BootyException.failure("cannot enable plugin " + id);
    }
  }

  public void disable(String id) {
    known(id);
    if (!manager.disablePlugin(id)) {
      throw BootyException.failure("cannot disable plugin " + id);
    }
  }

  private void known(String id) {
    if (manager.getPlugin(id) == null) {
      throw BootyException.usage(
          "no plugin '"
              + id
              + "'; installed: "
              + (reports.isEmpty() ? "none" : String.join(", ", reports.keySet())));
    }
  }

  private PluginReport loadOne(Path file) {
    String id;
    try {
      Path path = FileUtils.expandIfZip(file);
      id = manager.loadPlugin(path);
    } catch (Exception e) {
      PluginReport r =
          new PluginReport(
              file.getFileName().toString(),
              null,
              file.toString(),
              PluginReport.REFUSED,
              "cannot load its descriptor: " + describe(e),
              null,
              null,
              null,
              List.of());
      reports.put(r.id(), r);
      return r;
    }
    PluginWrapper w = manager.getPlugin(id);
    String requires = w.getDescriptor().getRequires();
    String problem = apiProblem(requires);
    if (problem != null) {
      manager.unloadPlugin(id);
      PluginReport r = report(w, PluginReport.REFUSED, problem);
      return r;
    }
    return report(
        w, w.getPluginState() == PluginState.DISABLED ? PluginReport.DISABLED : "loaded", null);
  }

  /** Resolves dependencies; plugins whose dependencies are missing or wrong are unloaded. */
  private void resolve() {
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        manager.resolveNow();
        return;
      } catch (DependencyResolver.DependenciesNotFoundException e) {
        for (PluginWrapper w : new ArrayList<>(manager.getPlugins())) {
          List<String> missing =
              w.getDescriptor().getDependencies().stream()
                  .map(d -> d.getPluginId())
                  .filter(e.getDependencies()::contains)
                  .toList();
          if (!missing.isEmpty()) {
            report(w, PluginReport.FAILED, "missing dependency: " + String.join(", ", missing));
            manager.unloadPlugin(w.getPluginId());
          }
        }
      } catch (DependencyResolver.DependenciesWrongVersionException e) {
        for (DependencyResolver.WrongDependencyVersion wrong : e.getDependencies()) {
          PluginWrapper w = manager.getPlugin(wrong.getDependentId());
          if (w != null) {
            report(
                w,
                PluginReport.FAILED,
                "needs "
                    + wrong.getDependencyId()
                    + " "
                    + wrong.getRequiredVersion()
                    + ", found "
                    + wrong.getExistingVersion());
            manager.unloadPlugin(w.getPluginId());
          }
        }
      } catch (RuntimeException e) {
        throw BootyException.failure("cannot resolve plugins in " + dir + ": " + describe(e));
      }
    }
  }

  static String apiProblem(String requires) {
    if (requires == null || requires.isBlank() || requires.equals("*")) {
      return "declares no booty API version (Plugin-Requires: " + ApiVersion.CURRENT + ")";
    }
    ApiVersion wanted;
    try {
      wanted = ApiVersion.parse(requires);
    } catch (IllegalArgumentException e) {
      return "Plugin-Requires '" + requires + "' is not a booty API version MAJOR.MINOR";
    }
    return ApiVersion.CURRENT.accepts(wanted)
        ? null
        : "built for booty API " + wanted + "; this booty offers API " + ApiVersion.CURRENT;
  }

  private PluginReport report(PluginWrapper w, String state, String reason) {
    PluginDescriptor d = w.getDescriptor();
    List<String> extensions = new ArrayList<>();
    if (state.equals(PluginReport.STARTED)) {
      manager.getExtensionClasses(w.getPluginId()).forEach(c -> extensions.add(c.getName()));
    }
    PluginReport r =
        new PluginReport(
            w.getPluginId(),
            d.getVersion(),
            w.getPluginPath().toString(),
            state,
            reason,
            d.getRequires(),
            d.getProvider(),
            d.getPluginDescription(),
            extensions);
    reports.put(r.id(), r);
    return r;
  }

  private List<Path> pluginFiles() {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(
              p -> {
                String n = p.getFileName().toString();
                return !n.startsWith(".") && (n.endsWith(".zip") || n.endsWith(".jar"));
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw BootyException.failure("cannot list " + dir + ": " + e.getMessage());
    }
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  @Override
  public void close() {
    manager.stopPlugins();
    manager.unloadPlugins();
  }
}

package dev.booty.core.plugin;

import dev.booty.api.BootyExtension;
import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.core.plugin.remote.ExecDescriptor;
import dev.booty.core.plugin.remote.ExecInstaller;
import dev.booty.core.plugin.remote.ExecPlugin;
import dev.booty.core.plugin.remote.RemoteExtension;
import dev.booty.core.plugin.remote.RemoteExtensions;
import dev.booty.core.plugin.remote.RemotePlugins;
import dev.booty.plugin.protocol.Handshake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * booty's plugins: PF4J plugins (zip or jar) in one folder, {@code HOME/plugins}. Each is loaded,
 * checked against the API version, resolved and started on its own, so a broken one (unreadable
 * descriptor, missing dependency, wrong API version, exception at start) is reported with its id
 * and reason while the others work. A plugin declares the booty API it was built for as {@code
 * Plugin-Requires: MAJOR.MINOR}. Enabling and disabling is kept in the folder ({@code
 * disabled.txt}), so it lasts.
 */
public final class PluginPlatform implements AutoCloseable {
  private final Path dir;
  private BootyPluginManager manager;
  private final Map<String, PluginReport> reports = new LinkedHashMap<>();
  private boolean loaded;
  private final Map<String, ExecDescriptor> execs = new LinkedHashMap<>();
  private RemotePlugins remote;

  public PluginPlatform(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw BootyException.failure(
          "cannot create the plugins folder " + dir + ": " + e.getMessage());
    }
    this.manager = new BootyPluginManager(dir);
  }

  /**
   * The plugins of a booty home ({@code HOME/plugins}), after copying in the distribution's bundled
   * plugins that are missing or differ ({@link BundledPlugins#sync}).
   *
   * @param bundledDir the distribution's {@code plugins} folder ({@link BundledPlugins#location}),
   *     or null for none
   */
  public static PluginPlatform forHome(BootyHome home, Path bundledDir) {
    if (bundledDir != null) {
      BundledPlugins.sync(bundledDir, home.plugins());
    }
    return new PluginPlatform(home.plugins());
  }

  /**
   * This process's bundled plugins folder ({@link BundledPlugins#location} with its environment):
   * what the launcher passes, or null.
   */
  public static Path bundledDir() {
    return BundledPlugins.location(System.getenv());
  }

  public Path dir() {
    return dir;
  }

  /** Loads and starts every plugin in the folder; returns a report per file, by id. */
  public List<PluginReport> load() {
    loaded = true;
    for (Path file : PluginFiles.list(dir)) {
      loadOne(file);
    }
    new PluginResolution(manager, reports).resolve(dir);
    for (PluginWrapper w : List.copyOf(manager.getResolvedPlugins())) {
      start(w);
    }
    for (Path folder : execFolders()) {
      loadExec(folder);
    }
    return reports();
  }

  /** The executable plugins' folders: those holding a {@code plugin.yaml}. */
  private List<Path> execFolders() {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(ExecDescriptor::isPluginFolder)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw BootyException.failure("cannot list " + dir + ": " + e.getMessage());
    }
  }

  /** Reads one executable plugin's descriptor and files its report; starts nothing. */
  private void loadExec(Path folder) {
    ExecDescriptor d;
    try {
      d = ExecDescriptor.load(folder.resolve(ExecDescriptor.FILE));
    } catch (BootyException e) {
      reports.put(
          folder.getFileName().toString(), PluginReport.unreadableExec(folder, e.getMessage()));
      return;
    }
    PluginReport same = reports.get(d.id());
    if (same != null) {
      reports.put(
          folder.getFileName().toString(),
          PluginReport.unreadableExec(
              folder, "plugin " + d.id() + " is already loaded from " + same.file()));
      return;
    }
    if (manager.isDisabled(d.id())) {
      reports.put(
          d.id(),
          PluginReport.exec(
              d, PluginReport.DISABLED, "'booty plugins enable " + d.id() + "' turns it on"));
      return;
    }
    String problem = PluginChecks.apiProblem(d.requires());
    if (problem == null && !d.protocols().contains(Handshake.PROTOCOL_VERSION)) {
      problem =
          "it speaks plugin protocols %s; this booty speaks %d"
              .formatted(d.protocols(), Handshake.PROTOCOL_VERSION);
    }
    if (problem != null) {
      reports.put(d.id(), PluginReport.exec(d, PluginReport.REFUSED, problem));
      return;
    }
    execs.put(d.id(), d);
    reports.put(d.id(), PluginReport.exec(d, PluginReport.READY, null));
  }

  /**
   * A ready executable plugin, to start and ask ({@code booty plugins info}).
   *
   * @throws BootyException (bad usage) when {@code id} is no ready executable plugin
   */
  public ExecPlugin execPlugin(String id) {
    ExecDescriptor d = execs.get(id);
    if (d == null) {
      throw BootyException.usage("plugin " + id + " is no ready executable plugin");
    }
    return remote().plugin(d.spec(), d.callTimeout(), declared(d));
  }

  /** What a descriptor declares, as {@code Describe} names it: {@code chaos:exec}. */
  private static List<String> declared(ExecDescriptor d) {
    return d.labels();
  }

  private synchronized RemotePlugins remote() {
    if (remote == null) {
      remote = new RemotePlugins(new BootyHome(dir.toAbsolutePath().getParent()));
    }
    return remote;
  }

  /** The reports of the last {@link #load}, by id. */
  public List<PluginReport> reports() {
    return reports.values().stream().sorted(Comparator.comparing(PluginReport::id)).toList();
  }

  /**
   * The report of one plugin of the last {@link #load}.
   *
   * @throws BootyException (bad usage) naming the installed ones when there is none of that id
   */
  public PluginReport plugin(String id) {
    PluginReport r = reports.get(id);
    if (r == null) {
      throw BootyException.usage(
          "no plugin '%s'; installed: %s"
              .formatted(id, namesOrNone(reports().stream().map(PluginReport::id).toList())));
    }
    return r;
  }

  /** The extensions of started plugins for an extension point. */
  public <T extends BootyExtension> List<T> extensions(Class<T> point) {
    List<T> all = new ArrayList<>();
    for (ExecDescriptor d : execs.values()) {
      for (ExecDescriptor.Extension e : d.extensions()) {
        if (RemoteExtensions.point(e.point()) == point) {
          ExecPlugin plugin = remote().plugin(d.spec(), d.callTimeout(), declared(d));
          all.add(point.cast(RemoteExtensions.of(plugin, e)));
        }
      }
    }
    for (PluginWrapper w : List.copyOf(manager.getStartedPlugins())) {
      try {
        // PF4J's getExtensions skips an extension it cannot create; booty says why
        for (Class<? extends T> type : manager.getExtensionClasses(point, w.getPluginId())) {
          all.add(point.cast(manager.getExtensionFactory().create(type)));
        }
      } catch (RuntimeException | LinkageError e) {
        stopQuietly(w);
        report(
            w,
            PluginReport.FAILED,
            "its " + point.getSimpleName() + " cannot be created: " + PluginChecks.describe(e));
      }
    }
    return all;
  }

  /** The one extension of {@code point} whose {@link BootyExtension#id()} is {@code id}. */
  public <T extends BootyExtension> T extension(Class<T> point, String id) {
    List<T> all = extensions(point);
    List<T> matching = all.stream().filter(e -> e.id().equals(id)).toList();
    if (matching.isEmpty()) {
      throw BootyException.usage(
          "no %s '%s'; available: %s"
              .formatted(
                  point.getSimpleName(),
                  id,
                  namesOrNone(all.stream().map(BootyExtension::id).toList())));
    }
    if (matching.size() > 1) {
      List<String> owners =
          matching.stream()
              .map(
                  e ->
                      e instanceof RemoteExtension r
                          ? r.plugin().id()
                          : manager.whichPlugin(e.getClass()).getPluginId())
              .toList();
      throw BootyException.failure(
          "%s '%s' is offered by more than one plugin: %s"
              .formatted(point.getSimpleName(), id, String.join(", ", owners)));
    }
    return matching.getFirst();
  }

  /**
   * Installs a plugin file: checked first (descriptor, API version), then copied into the folder,
   * replacing the file of an older version of the same plugin; a bad file leaves the folder as it
   * was. Then loads the folder again.
   *
   * @return the installed plugin as the new load reports it
   */
  public PluginReport install(Path file) {
    if (ExecInstaller.accepts(file)) {
      return installExec(file);
    }
    String id = PluginInstaller.check(file);
    if (!loaded) {
      load();
    }
    Path target = dir.resolve(file.getFileName());
    List<Path> older =
        reports.values().stream()
            .filter(r -> id.equals(r.id()) && !Path.of(r.file()).equals(target))
            .map(r -> Path.of(r.file()))
            .toList();
    close();
    PluginInstaller.place(file, target, older);
    reload();
    return reports.get(id);
  }

  /**
   * Installs an executable plugin from a folder or a {@code .tar.gz} of one: staged, moved in as
   * {@code ID/}, then started once (handshake, health, description); when that fails the folder is
   * as it was and the error says why.
   */
  private PluginReport installExec(Path source) {
    if (!loaded) {
      load();
    }
    ExecDescriptor staged = ExecInstaller.stage(source, dir);
    PluginReport other = reports.get(staged.id());
    if (other != null && PluginReport.JAR.equals(other.kind())) {
      ExecInstaller.discard(staged, dir);
      throw BootyException.usage(
          "plugin %s is already loaded from %s; remove it first"
              .formatted(staged.id(), other.file()));
    }
    close();
    ExecInstaller.commit(staged, dir);
    try {
      reload();
      PluginReport r = plugin(staged.id());
      if (!PluginReport.READY.equals(r.state())) {
        throw BootyException.failure(
            "plugin " + staged.id() + " is " + r.state() + ": " + r.reason());
      }
      execPlugin(staged.id()).probe();
    } catch (BootyException e) {
      close();
      ExecInstaller.rollBack(staged.id(), dir);
      reload();
      throw e;
    }
    ExecInstaller.dropBackup(staged.id(), dir);
    return reports.get(staged.id());
  }

  /** Turns a plugin on (kept in the folder) and loads again; returns its new report. */
  public PluginReport enable(String id) {
    return setDisabled(id, false);
  }

  /** Turns a plugin off (kept in the folder) and loads again; returns its new report. */
  public PluginReport disable(String id) {
    return setDisabled(id, true);
  }

  private PluginReport setDisabled(String id, boolean disabled) {
    if (!loaded) {
      load();
    }
    PluginReport r = plugin(id);
    if (r.version() == null) {
      throw BootyException.usage(
          "%s has no readable plugin descriptor, so it has no id to turn on or off; remove %s"
              .formatted(id, r.file()));
    }
    try {
      manager.setDisabled(id, disabled);
    } catch (RuntimeException e) {
      throw BootyException.failure(
          "cannot record plugin %s as %s in %s: %s"
              .formatted(id, disabled ? "disabled" : "enabled", dir, PluginChecks.describe(e)));
    }
    reload();
    return reports.get(id);
  }

  /** Forgets everything loaded and loads the folder afresh. */
  private void reload() {
    close();
    reports.clear();
    execs.clear();
    manager = new BootyPluginManager(dir);
    load();
  }

  /** Loads one file; returns the key of its report (its id, or its file name when unreadable). */
  String loadOne(Path file) {
    String id;
    try {
      id = manager.loadPlugin(file);
    } catch (RuntimeException e) {
      PluginWrapper same = sameIdAs(file);
      String name = file.getFileName().toString();
      reports.put(
          name,
          PluginReport.unreadable(
              file,
              same != null
                  ? "plugin "
                      + same.getPluginId()
                      + " is already loaded from "
                      + same.getPluginPath()
                  : "cannot read the plugin descriptor of "
                      + file.getFileName()
                      + ": "
                      + PluginFiles.whyUnreadable(file, PluginChecks.describe(e))));
      return name;
    }
    PluginWrapper w = manager.getPlugin(id);
    if (manager.isDisabled(id)) {
      report(w, PluginReport.DISABLED, "'booty plugins enable " + id + "' turns it on");
      manager.unloadOnly(id);
      return id;
    }
    String problem = PluginChecks.apiProblem(w.getDescriptor().getRequires());
    if (problem != null) {
      report(w, PluginReport.REFUSED, problem);
      manager.unloadOnly(id);
    }
    return id;
  }

  /** The loaded plugin with the id {@code file} declares, if any. */
  private PluginWrapper sameIdAs(Path file) {
    try {
      String id = manager.descriptor(file).getPluginId();
      return id == null ? null : manager.getPlugin(id);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The report filed under {@code key}, or null while the plugin is merely loaded. */
  PluginReport report(String key) {
    return reports.get(key);
  }

  /** Starts a resolved plugin once every plugin it needs has started. */
  private void start(PluginWrapper w) {
    if (w.getPluginState() != PluginState.RESOLVED) {
      return;
    }
    for (String dependency : BootyPluginManager.requiredIds(w)) {
      PluginWrapper d = manager.getPlugin(dependency);
      if (d == null || d.getPluginState() != PluginState.STARTED) {
        report(w, PluginReport.FAILED, "its dependency " + dependency + " did not start");
        return;
      }
    }
    PluginState state;
    try {
      state = manager.startPlugin(w.getPluginId());
    } catch (RuntimeException | LinkageError e) {
      state = PluginState.FAILED;
      w.setFailedException(e);
    }
    if (state == PluginState.STARTED) {
      report(w, PluginReport.STARTED, null);
    } else {
      Throwable cause = w.getFailedException();
      report(
          w,
          PluginReport.FAILED,
          "did not start: "
              + (cause == null ? "PF4J left it " + state : PluginChecks.describe(cause)));
    }
  }

  private void report(PluginWrapper w, String state, String reason) {
    reports.put(w.getPluginId(), PluginReport.of(w, state, reason));
  }

  private static String namesOrNone(List<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  /** Stops the started plugins, last started first, and unloads every plugin. */
  @Override
  public void close() {
    // not PF4J's stopPlugins(): in 3.15 it fails with ConcurrentModificationException
    List.copyOf(manager.getStartedPlugins()).reversed().forEach(this::stopQuietly);
    manager.unloadPlugins();
    synchronized (this) {
      if (remote != null) {
        remote.close();
        remote = null;
      }
    }
  }

  private void stopQuietly(PluginWrapper w) {
    try {
      manager.stopPlugin(w.getPluginId());
    } catch (RuntimeException | LinkageError e) {
      // a plugin that cannot stop is unloaded all the same
    }
  }
}

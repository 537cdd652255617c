package dev.booty.core.home;

import java.nio.file.Path;
import java.util.Map;

/**
 * The booty home ({@code ~/.booty} unless {@code BOOTY_HOME} says otherwise) and where things live
 * in it:
 *
 * <pre>
 * components/NAME/VERSION/bin/BINARY   an installed version (plus install.json)
 * components/NAME/active               the active version of NAME
 * bin/BINARY                           symlink to the active version's binary
 * locks/home.lock                      held while the home is being changed
 * tmp/                                 staging; an install builds here, then moves into place
 * plugins/                             PF4J plugins (jar or zip), disabled.txt
 * </pre>
 */
public record BootyHome(Path root) {

  public static final String ENV = "BOOTY_HOME";

  public BootyHome {
    root = root.toAbsolutePath().normalize();
  }

  /** Resolves the home from an explicit path, else {@code BOOTY_HOME}, else {@code ~/.booty}. */
  public static BootyHome resolve(Path explicit, Map<String, String> env) {
    if (explicit != null) {
      return new BootyHome(explicit);
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new BootyHome(Path.of(fromEnv));
    }
    return new BootyHome(Path.of(System.getProperty("user.home"), ".booty"));
  }

  public Path components() {
    return root.resolve("components");
  }

  public Path component(String name) {
    return components().resolve(name);
  }

  public Path version(String name, String version) {
    return component(name).resolve(version);
  }

  public Path activeFile(String name) {
    return component(name).resolve("active");
  }

  public Path bin() {
    return root.resolve("bin");
  }

  public Path locks() {
    return root.resolve("locks");
  }

  public Path lockFile() {
    return locks().resolve("home.lock");
  }

  public Path tmp() {
    return root.resolve("tmp");
  }

  /** The log of an executable plugin: its stderr and late stdout lines. */
  public Path pluginLog(String id) {
    return root.resolve("logs").resolve("plugins").resolve(id + ".log");
  }

  /** Executable plugins' runtime files: pid files and each start's TLS folder. */
  public Path pluginRuntime() {
    return root.resolve("run").resolve("plugins");
  }

  /** The CA that issues executable plugins' certificates (and booty's, towards them) only. */
  public Path pluginCa() {
    return root.resolve("security").resolve("plugins");
  }

  public Path plugins() {
    return root.resolve("plugins");
  }

  /** The local stack's files: ports, state, logs, services' data. */
  public StackLayout stack() {
    return StackLayout.of(this);
  }
}

package dev.booty.core.plugin;

import dev.booty.api.ApiVersion;
import dev.booty.api.JobResult;
import dev.booty.api.NomadJob;
import dev.booty.api.PluginContext;
import dev.booty.api.StackSecurity;
import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.security.BootyCa;
import dev.booty.core.security.StackCredentials;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@link PluginContext} booty hands to plugins: the home, the installed binaries, the stack's
 * addresses and booty's way of running Nomad jobs, for one scenario and one plugin.
 */
public final class BootyPluginContext implements PluginContext {

  /** How plugins act on Nomad: booty's job runner with its meta and idempotence. */
  public interface Jobs {
    JobResult run(NomadJob job);

    boolean stop(String id);
  }

  /**
   * What one deployment shares with every plugin.
   *
   * @param dataDir the scenario's folder; each plugin gets a sub-folder of its own
   */
  public record Deployment(
      String scenario, Path dataDir, Map<String, String> endpoints, Jobs jobs) {}

  private final BootyHome home;
  private final ComponentStore store;
  private final Deployment deployment;
  private final String pluginId;
  private final Consumer<String> progress;

  public BootyPluginContext(
      BootyHome home, ComponentStore store, Deployment deployment, Consumer<String> progress) {
    this(home, store, deployment, "booty", progress);
  }

  private BootyPluginContext(
      BootyHome home,
      ComponentStore store,
      Deployment deployment,
      String pluginId,
      Consumer<String> progress) {
    this.home = home;
    this.store = store;
    this.deployment = deployment;
    this.pluginId = pluginId;
    this.progress = progress;
  }

  /** The same context for one plugin: its own work folder and progress prefix. */
  public BootyPluginContext forPlugin(String id) {
    return new BootyPluginContext(home, store, deployment, id, progress);
  }

  @Override
  public ApiVersion apiVersion() {
    return ApiVersion.CURRENT;
  }

  @Override
  public Path home() {
    return home.root();
  }

  @Override
  public Optional<Path> binary(String component) {
    return store.active(component).flatMap(v -> binary(component, v));
  }

  @Override
  public Optional<Path> binary(String component, String version) {
    return store.find(component, version).map(store::binary);
  }

  @Override
  public String scenario() {
    return deployment.scenario();
  }

  @Override
  public Path workDir() {
    return deployment.dataDir().resolve(pluginId);
  }

  /** bin/booty sets {@code booty.launcher}: its folder's parent is the distribution. */
  @Override
  public Optional<Path> distribution() {
    String launcher = System.getProperty("booty.launcher");
    if (launcher == null || launcher.isBlank()) {
      return Optional.empty();
    }
    Path bin = Path.of(launcher).toAbsolutePath().getParent();
    return bin == null || bin.getParent() == null ? Optional.empty() : Optional.of(bin.getParent());
  }

  @Override
  public Optional<StackSecurity> security() {
    return StackCredentials.load(home);
  }

  @Override
  public StackSecurity.IssuedCertificate issueCertificate(
      String name, List<String> names, Path dir) {
    if (!StackCredentials.present(home)) {
      throw new IllegalStateException(
          "this booty home has no CA yet: 'booty up' makes one (and secures the stack)");
    }
    return BootyCa.loadOrCreate(StackCredentials.dir(home))
        .issue(name, names.isEmpty() ? name : names.get(0), names, dir);
  }

  @Override
  public Map<String, String> endpoints() {
    return deployment.endpoints();
  }

  @Override
  public JobResult runJob(NomadJob job) {
    return deployment.jobs().run(job);
  }

  @Override
  public boolean stopJob(String id) {
    return deployment.jobs().stop(id);
  }

  @Override
  public void progress(String message) {
    progress.accept("[" + pluginId + "] " + message);
  }
}

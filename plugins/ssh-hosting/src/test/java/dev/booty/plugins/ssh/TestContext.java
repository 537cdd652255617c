package dev.booty.plugins.ssh;

import dev.booty.api.ApiVersion;
import dev.booty.api.JobResult;
import dev.booty.api.NomadJob;
import dev.booty.api.PluginContext;
import dev.booty.api.StackSecurity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A {@link PluginContext} for the plugin's tests: a home whose {@code components/NAME/VERSION/bin}
 * layout the test builds, the stack's endpoints and credentials the test gives, certificates from
 * the function the test gives, and progress collected. Jobs are not the hosting plugin's business:
 * running one fails the test.
 */
final class TestContext implements PluginContext {
  private final Path home;
  private final String scenario;
  private final Map<String, String> active = new HashMap<>();
  private final Map<String, String> endpoints = new HashMap<>();
  private Optional<StackSecurity> security = Optional.empty();
  private BiFunction<List<String>, Path, StackSecurity.IssuedCertificate> issuer;
  final List<String> progress = new ArrayList<>();

  TestContext(Path home, String scenario) {
    this.home = home;
    this.scenario = scenario;
  }

  /** Marks {@code version} of {@code component} (in the home already) as the active one. */
  TestContext active(String component, String version) {
    active.put(component, version);
    return this;
  }

  TestContext endpoint(String name, String value) {
    endpoints.put(name, value);
    return this;
  }

  TestContext security(
      StackSecurity security,
      BiFunction<List<String>, Path, StackSecurity.IssuedCertificate> issuer) {
    this.security = Optional.of(security);
    this.issuer = issuer;
    return this;
  }

  @Override
  public ApiVersion apiVersion() {
    return ApiVersion.CURRENT;
  }

  @Override
  public Path home() {
    return home;
  }

  @Override
  public Optional<Path> binary(String component) {
    return Optional.ofNullable(active.get(component)).flatMap(v -> binary(component, v));
  }

  @Override
  public Optional<Path> binary(String component, String version) {
    Path b =
        home.resolve("components")
            .resolve(component)
            .resolve(version)
            .resolve("bin")
            .resolve(component);
    return java.nio.file.Files.isRegularFile(b) ? Optional.of(b) : Optional.empty();
  }

  @Override
  public String scenario() {
    return scenario;
  }

  @Override
  public Path workDir() {
    return home.resolve("work").resolve(scenario).resolve("ssh-hosting");
  }

  @Override
  public Map<String, String> endpoints() {
    return Map.copyOf(endpoints);
  }

  @Override
  public Optional<StackSecurity> security() {
    return security;
  }

  @Override
  public StackSecurity.IssuedCertificate issueCertificate(
      String name, List<String> names, Path dir) {
    return issuer.apply(names, dir);
  }

  @Override
  public JobResult runJob(NomadJob job) {
    throw new AssertionError("hosting runs no jobs: " + job.id());
  }

  @Override
  public boolean stopJob(String id) {
    throw new AssertionError("hosting stops no jobs: " + id);
  }

  @Override
  public synchronized void progress(String message) {
    progress.add(message);
  }
}

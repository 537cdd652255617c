package dev.booty.plugins.clouddns;

import dev.booty.api.ApiVersion;
import dev.booty.api.JobResult;
import dev.booty.api.NomadJob;
import dev.booty.api.PluginContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A context with a work folder and a progress log; a cloud DNS plugin needs nothing else. */
final class FakeContext implements PluginContext {
  final List<String> progress = Collections.synchronizedList(new ArrayList<>());
  private final Path workDir;

  FakeContext(Path workDir) {
    this.workDir = workDir;
  }

  @Override
  public ApiVersion apiVersion() {
    return ApiVersion.CURRENT;
  }

  @Override
  public Path home() {
    return workDir.getParent();
  }

  @Override
  public Optional<Path> binary(String component) {
    return Optional.empty();
  }

  @Override
  public Optional<Path> binary(String component, String version) {
    return Optional.empty();
  }

  @Override
  public String scenario() {
    return "london-3dc";
  }

  @Override
  public Path workDir() {
    return workDir;
  }

  @Override
  public Map<String, String> endpoints() {
    return Map.of();
  }

  @Override
  public JobResult runJob(NomadJob job) {
    throw new AssertionError("a cloud DNS plugin runs no job: " + job.id());
  }

  @Override
  public boolean stopJob(String id) {
    throw new AssertionError("a cloud DNS plugin stops no job: " + id);
  }

  @Override
  public void progress(String message) {
    progress.add(message);
  }
}

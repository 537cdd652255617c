package dev.booty.plugins.powerdns;

import dev.booty.api.ApiVersion;
import dev.booty.api.JobResult;
import dev.booty.api.NomadJob;
import dev.booty.api.PluginContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A context with pdns-server at {@code binary} (or none); it records the jobs stopped. */
final class FakeContext implements PluginContext {
  final Path binary;
  final Path workDir;
  final List<String> stopped = new ArrayList<>();

  FakeContext(Path binary, Path workDir) {
    this.binary = binary;
    this.workDir = workDir;
  }

  @Override
  public ApiVersion apiVersion() {
    return ApiVersion.CURRENT;
  }

  @Override
  public Path home() {
    return Path.of("/home/u/.booty");
  }

  @Override
  public Optional<Path> binary(String component) {
    return component.equals("pdns-server") ? Optional.ofNullable(binary) : Optional.empty();
  }

  @Override
  public Optional<Path> binary(String component, String version) {
    return binary(component);
  }

  @Override
  public String scenario() {
    return "local-3dc";
  }

  @Override
  public Path workDir() {
    return workDir;
  }

  @Override
  public Map<String, String> endpoints() {
    return Map.of("nomad.http", "http://127.0.0.1:4646");
  }

  @Override
  public JobResult runJob(NomadJob job) {
    throw new AssertionError("a DNS plugin only plans its jobs; it ran " + job.id());
  }

  @Override
  public boolean stopJob(String id) {
    stopped.add(id);
    return true;
  }

  @Override
  public void progress(String message) {}
}

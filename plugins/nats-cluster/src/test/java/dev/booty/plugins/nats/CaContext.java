package dev.booty.plugins.nats;

import dev.booty.api.ApiVersion;
import dev.booty.api.JobResult;
import dev.booty.api.NomadJob;
import dev.booty.api.PluginContext;
import dev.booty.api.StackSecurity;
import dev.booty.core.home.BootyHome;
import dev.booty.core.security.BootyCa;
import dev.booty.core.security.StackCredentials;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin context on a fresh booty home in {@code root} with booty's real CA (as {@code booty up}
 * makes it), issuing certificates as booty does; nothing may act on Nomad. Records every issue.
 */
class CaContext implements PluginContext {
  private final BootyHome home;
  private final Path binary;
  final List<String> issued = new ArrayList<>();

  CaContext(Path root, Path binary) {
    this.home = new BootyHome(root);
    this.binary = binary;
    StackCredentials.ensure(home);
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
    return Optional.of(binary);
  }

  @Override
  public Optional<Path> binary(String component, String version) {
    return Optional.of(binary);
  }

  @Override
  public String scenario() {
    return "sec";
  }

  @Override
  public Path workDir() {
    return home.root().resolve("scenarios/sec/nats");
  }

  @Override
  public Map<String, String> endpoints() {
    return Map.of();
  }

  @Override
  public Optional<StackSecurity> security() {
    return StackCredentials.load(home);
  }

  @Override
  public StackSecurity.IssuedCertificate issueCertificate(
      String name, List<String> names, Path dir) {
    issued.add(name);
    return BootyCa.loadOrCreate(StackCredentials.dir(home)).issue(name, names.get(0), names, dir);
  }

  @Override
  public JobResult runJob(NomadJob job) {
    throw new AssertionError("a cluster plugin only plans; it ran " + job.id());
  }

  @Override
  public boolean stopJob(String id) {
    throw new AssertionError("a cluster plugin only plans; it stopped " + id);
  }

  @Override
  public void progress(String message) {}
}

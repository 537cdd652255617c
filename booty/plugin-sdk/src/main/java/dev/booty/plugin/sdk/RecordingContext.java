package dev.booty.plugin.sdk;

import dev.booty.api.ApiVersion;
import dev.booty.api.ChaosContext;
import dev.booty.api.JobResult;
import dev.booty.api.NomadJob;
import dev.booty.api.PluginContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A chaos and plugin context of two data centres (london, dallas) that records progress lines and
 * the actions a mode asks for: unit-test a chaos mode without booty, in process or through the
 * protocol ({@code lines} holds what it said and did).
 */
public final class RecordingContext implements ChaosContext, PluginContext {
  public final List<String> lines = new CopyOnWriteArrayList<>();
  private final java.nio.file.Path home;

  public RecordingContext(java.nio.file.Path home) {
    this.home = home;
  }

  @Override
  public PluginContext plugin() {
    return this;
  }

  @Override
  public List<Site> sites() {
    return List.of(
        new Site("london", List.of(new Server("lon-1", "london", "127.0.0.2"))),
        new Site("dallas", List.of(new Server("dal-1", "dallas", "127.0.0.3"))));
  }

  @Override
  public Duration rtt(String a, String b) {
    return a.equals(b) ? Duration.ZERO : Duration.ofMillis(105);
  }

  @Override
  public void signal(List<String> servers, Signal signal) {
    lines.add("signal " + servers + " " + signal);
  }

  @Override
  public void servers(String dataCenter, boolean running) {
    if (sites().stream().noneMatch(s -> s.name().equals(dataCenter))) {
      throw new IllegalStateException("no data centre '" + dataCenter + "' runs servers");
    }
    lines.add("servers " + dataCenter + " " + running);
  }

  @Override
  public void upgrade(String server, String version) {}

  @Override
  public String version(String server) {
    return "2.12.1";
  }

  @Override
  public List<String> installedVersions() {
    return List.of("2.12.1");
  }

  @Override
  public void path(String a, String b, Path state) {}

  @Override
  public int clients(String dataCenter) {
    return 3;
  }

  @Override
  public void scaleClients(String dataCenter, int count) {}

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    Thread.sleep(duration);
  }

  @Override
  public ApiVersion apiVersion() {
    return ApiVersion.CURRENT;
  }

  @Override
  public java.nio.file.Path home() {
    return home;
  }

  @Override
  public Optional<java.nio.file.Path> binary(String component) {
    return Optional.empty();
  }

  @Override
  public Optional<java.nio.file.Path> binary(String component, String version) {
    return Optional.empty();
  }

  @Override
  public String scenario() {
    return "two-dc";
  }

  @Override
  public java.nio.file.Path workDir() {
    return home.resolve("work");
  }

  @Override
  public Map<String, String> endpoints() {
    return Map.of();
  }

  @Override
  public JobResult runJob(NomadJob job) {
    throw new UnsupportedOperationException("no Nomad here");
  }

  @Override
  public boolean stopJob(String id) {
    return false;
  }

  @Override
  public void progress(String message) {
    lines.add(message);
  }
}

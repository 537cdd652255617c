package dev.booty.dev.bench;

import dev.booty.api.ApiVersion;
import dev.booty.api.ChaosContext;
import dev.booty.api.JobResult;
import dev.booty.api.NomadJob;
import dev.booty.api.PluginContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chaos and plugin context {@link PluginBenchmark} hands to both sides: three data centres of
 * one server each and a home, nothing deployed. It counts the progress lines that reach it (the
 * plugin's {@code Host.Progress} callbacks, or the in-process mode's direct calls) and throws on
 * every action, so a mode that tries to act fails the bench instead of timing something else.
 */
final class CountingChaosContext implements ChaosContext, PluginContext {
  static final List<Site> SITES =
      List.of(
          new Site("london", List.of(new Server("lon-1", "london", "127.0.0.2"))),
          new Site("dallas", List.of(new Server("dal-1", "dallas", "127.0.0.3"))),
          new Site("tokyo", List.of(new Server("tok-1", "tokyo", "127.0.0.4"))));

  private final java.nio.file.Path home;
  private final AtomicLong progress = new AtomicLong();

  CountingChaosContext(java.nio.file.Path home) {
    this.home = home;
  }

  /** The progress lines received so far. */
  long progressLines() {
    return progress.get();
  }

  @Override
  public void progress(String message) {
    progress.incrementAndGet();
  }

  @Override
  public PluginContext plugin() {
    return this;
  }

  @Override
  public List<Site> sites() {
    return SITES;
  }

  @Override
  public Duration rtt(String a, String b) {
    return a.equals(b) ? Duration.ZERO : Duration.ofMillis(80);
  }

  @Override
  public List<String> installedVersions() {
    return List.of();
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
    return PluginBenchmark.NAME;
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
  public void signal(List<String> servers, Signal signal) {
    throw nothingDeployed("signal");
  }

  @Override
  public void servers(String dataCenter, boolean running) {
    throw nothingDeployed("servers");
  }

  @Override
  public void upgrade(String server, String version) {
    throw nothingDeployed("upgrade");
  }

  @Override
  public String version(String server) {
    throw nothingDeployed("version");
  }

  @Override
  public void path(String a, String b, Path state) {
    throw nothingDeployed("path");
  }

  @Override
  public int clients(String dataCenter) {
    return 0;
  }

  @Override
  public void scaleClients(String dataCenter, int count) {
    throw nothingDeployed("scaleClients");
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    Thread.sleep(duration);
  }

  @Override
  public JobResult runJob(NomadJob job) {
    throw nothingDeployed("runJob");
  }

  @Override
  public boolean stopJob(String id) {
    throw nothingDeployed("stopJob");
  }

  private static IllegalStateException nothingDeployed(String what) {
    return new IllegalStateException(
        "bench plugins deploys nothing: a chaos mode under measure called " + what);
  }
}

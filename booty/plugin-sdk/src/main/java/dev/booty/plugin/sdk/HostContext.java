package dev.booty.plugin.sdk;

import dev.booty.api.ApiVersion;
import dev.booty.api.ChaosContext;
import dev.booty.api.DnsChaos;
import dev.booty.api.JobResult;
import dev.booty.api.NomadJob;
import dev.booty.api.PluginContext;
import dev.booty.api.StackSecurity;
import dev.booty.plugin.grpc.v1.CertificateCall;
import dev.booty.plugin.grpc.v1.ChaosWorld;
import dev.booty.plugin.grpc.v1.ClientsCall;
import dev.booty.plugin.grpc.v1.Context;
import dev.booty.plugin.grpc.v1.DnsCall;
import dev.booty.plugin.grpc.v1.HostGrpc;
import dev.booty.plugin.grpc.v1.JobCall;
import dev.booty.plugin.grpc.v1.PathCall;
import dev.booty.plugin.grpc.v1.ProgressCall;
import dev.booty.plugin.grpc.v1.ServersCall;
import dev.booty.plugin.grpc.v1.SignalCall;
import dev.booty.plugin.grpc.v1.Token;
import dev.booty.plugin.grpc.v1.UpgradeCall;
import dev.booty.plugin.protocol.ChaosCodec;
import dev.booty.plugin.protocol.CommonCodec;
import dev.booty.plugin.protocol.DnsCodec;
import dev.booty.plugin.protocol.Errors;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link ChaosContext} and {@link PluginContext} a plugin's extension sees during one call: the
 * data came with the call; every action calls booty's Host service with the call's token, and a
 * refusal there comes back as the exception the API names ({@link Errors}). {@link #sleep} sleeps
 * here and wakes when booty cancels the call.
 */
final class HostContext implements ChaosContext, PluginContext {
  private final Context data;
  private final ChaosWorld world;
  private final HostGrpc.HostBlockingStub host;

  /** The context of a call that is no chaos call: its chaos part has no sites. */
  HostContext(Context data, Channel channel) {
    this(data, ChaosWorld.getDefaultInstance(), channel);
  }

  HostContext(Context data, ChaosWorld world, Channel channel) {
    this.data = data;
    this.world = world;
    this.host = HostGrpc.newBlockingStub(channel);
  }

  // ---- ChaosContext

  @Override
  public PluginContext plugin() {
    return this;
  }

  @Override
  public List<Site> sites() {
    return world.getSitesList().stream().map(ChaosCodec::fromMessage).toList();
  }

  @Override
  public Duration rtt(String a, String b) {
    return ChaosCodec.rtt(world, a, b);
  }

  @Override
  public void signal(List<String> servers, Signal signal) {
    call(
        () ->
            host.signal(
                SignalCall.newBuilder()
                    .setToken(data.getToken())
                    .addAllServers(servers)
                    .setSignal(ChaosCodec.toMessage(signal))
                    .build()));
  }

  @Override
  public void servers(String dataCenter, boolean running) {
    call(
        () ->
            host.setServers(
                ServersCall.newBuilder()
                    .setToken(data.getToken())
                    .setDataCenter(dataCenter)
                    .setRunning(running)
                    .build()));
  }

  @Override
  public void upgrade(String server, String version) {
    call(() -> host.upgrade(upgradeCall(server, version)));
  }

  @Override
  public String version(String server) {
    return call(() -> host.version(upgradeCall(server, ""))).getVersion();
  }

  private UpgradeCall upgradeCall(String server, String version) {
    return UpgradeCall.newBuilder()
        .setToken(data.getToken())
        .setServer(server)
        .setVersion(version)
        .build();
  }

  @Override
  public List<String> installedVersions() {
    return world.getInstalledVersionsList();
  }

  @Override
  public void path(String a, String b, ChaosContext.Path state) {
    call(
        () ->
            host.setPath(
                PathCall.newBuilder()
                    .setToken(data.getToken())
                    .setA(a)
                    .setB(b)
                    .setState(ChaosCodec.toMessage(state))
                    .build()));
  }

  @Override
  public int clients(String dataCenter) {
    return clients(dataCenter, null);
  }

  @Override
  public void scaleClients(String dataCenter, int count) {
    scaleClients(dataCenter, null, count);
  }

  @Override
  public int clients(String dataCenter, String group) {
    return call(() -> host.clients(clientsCall(dataCenter, group, 0))).getCount();
  }

  @Override
  public void scaleClients(String dataCenter, String group, int count) {
    call(() -> host.scaleClients(clientsCall(dataCenter, group, count)));
  }

  private ClientsCall clientsCall(String dataCenter, String group, int count) {
    return ClientsCall.newBuilder()
        .setToken(data.getToken())
        .setDataCenter(dataCenter)
        .setGroup(group == null ? "" : group)
        .setCount(count)
        .build();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    Thread.sleep(duration);
  }

  @Override
  public void dns(String dataCenter, DnsChaos.State state) {
    call(
        () ->
            host.setDns(
                DnsCall.newBuilder()
                    .setContext(Context.newBuilder().setToken(data.getToken()))
                    .setDataCenter(dataCenter)
                    .setState(DnsCodec.toMessage(state))
                    .build()));
  }

  // ---- PluginContext

  @Override
  public ApiVersion apiVersion() {
    return ApiVersion.parse(data.getApiVersion());
  }

  @Override
  public java.nio.file.Path home() {
    return java.nio.file.Path.of(data.getHome());
  }

  @Override
  public Optional<java.nio.file.Path> binary(String component) {
    return Optional.ofNullable(data.getBinariesMap().get(component)).map(java.nio.file.Path::of);
  }

  @Override
  public Optional<java.nio.file.Path> binary(String component, String version) {
    return Optional.ofNullable(data.getBinariesMap().get(component + "@" + version))
        .map(java.nio.file.Path::of);
  }

  @Override
  public String scenario() {
    return data.getScenario();
  }

  @Override
  public java.nio.file.Path workDir() {
    return java.nio.file.Path.of(data.getWorkDir());
  }

  @Override
  public Map<String, String> endpoints() {
    return data.getEndpointsMap();
  }

  @Override
  public JobResult runJob(NomadJob job) {
    return CommonCodec.fromMessage(
        call(
            () ->
                host.runJob(
                    JobCall.newBuilder()
                        .setToken(data.getToken())
                        .setJob(CommonCodec.toMessage(job))
                        .build())));
  }

  @Override
  public boolean stopJob(String id) {
    return call(() ->
            host.stopJob(JobCall.newBuilder().setToken(data.getToken()).setId(id).build()))
        .getKnown();
  }

  @Override
  public Optional<StackSecurity> security() {
    try {
      var s = host.security(Token.newBuilder().setToken(data.getToken()).build());
      return Optional.of(
          new StackSecurity(
              java.nio.file.Path.of(s.getCaCertificate()),
              java.nio.file.Path.of(s.getClientCertificate()),
              java.nio.file.Path.of(s.getClientKey()),
              s.getNomadToken(),
              s.getConsulToken(),
              s.getConsulAgentToken(),
              s.getConsulNomadToken(),
              s.getConsulGossipKey(),
              s.getConsulReaderToken()));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw translate(e);
    }
  }

  @Override
  public StackSecurity.IssuedCertificate issueCertificate(
      String name, List<String> names, java.nio.file.Path dir) {
    var issued =
        call(
            () ->
                host.issueCertificate(
                    CertificateCall.newBuilder()
                        .setToken(data.getToken())
                        .setName(name)
                        .addAllNames(names)
                        .setDir(dir.toString())
                        .build()));
    return new StackSecurity.IssuedCertificate(
        java.nio.file.Path.of(issued.getCertificate()),
        java.nio.file.Path.of(issued.getKey()),
        java.nio.file.Path.of(issued.getCaCertificate()));
  }

  @Override
  public Optional<java.nio.file.Path> distribution() {
    return data.getDistribution().isEmpty()
        ? Optional.empty()
        : Optional.of(java.nio.file.Path.of(data.getDistribution()));
  }

  @Override
  public void progress(String message) {
    call(
        () ->
            host.progress(
                ProgressCall.newBuilder().setToken(data.getToken()).setMessage(message).build()));
  }

  private static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (StatusRuntimeException e) {
      throw translate(e);
    }
  }

  private static RuntimeException translate(StatusRuntimeException e) {
    return Errors.toApiException(e)
        .orElseGet(
            () ->
                new IllegalStateException(
                    "booty's Host call failed: "
                        + e.getStatus().getCode()
                        + ": "
                        + e.getStatus().getDescription(),
                    e));
  }
}

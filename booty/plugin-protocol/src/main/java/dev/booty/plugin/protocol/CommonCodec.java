package dev.booty.plugin.protocol;

import dev.booty.api.JobResult;
import dev.booty.api.NomadJob;
import dev.booty.api.PluginContext;
import dev.booty.plugin.grpc.v1.Context;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Converts the API's shared values (durations, the plugin context's data, Nomad jobs) to their
 * protocol messages and back. A null duration is an unset field; a missing distribution is "".
 */
public final class CommonCodec {

  private CommonCodec() {}

  /** A duration as a message; null gives null (the caller leaves the field unset). */
  public static com.google.protobuf.Duration toMessage(Duration duration) {
    if (duration == null) {
      return null;
    }
    return com.google.protobuf.Duration.newBuilder()
        .setSeconds(duration.getSeconds())
        .setNanos(duration.getNano())
        .build();
  }

  /** A duration message as a duration. */
  public static Duration fromMessage(com.google.protobuf.Duration duration) {
    return Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
  }

  /**
   * The data of a plugin context for one call.
   *
   * @param token names the context in the plugin's Host calls during this call
   * @param binaries the binaries booty offers: {@code nomad} for the active one, {@code
   *     nats-server@2.11.17} for one version
   */
  public static Context toMessage(PluginContext context, String token, Map<String, Path> binaries) {
    Context.Builder out =
        Context.newBuilder()
            .setToken(token)
            .setApiVersion(context.apiVersion().toString())
            .setHome(context.home().toString())
            .setScenario(nullToEmpty(context.scenario()))
            .setWorkDir(context.workDir() == null ? "" : context.workDir().toString())
            .putAllEndpoints(context.endpoints())
            .setDistribution(context.distribution().map(Path::toString).orElse(""));
    binaries.forEach((name, path) -> out.putBinaries(name, path.toString()));
    return out.build();
  }

  /** A Nomad job as a message. */
  public static dev.booty.plugin.grpc.v1.NomadJob toMessage(NomadJob job) {
    return dev.booty.plugin.grpc.v1.NomadJob.newBuilder()
        .setId(job.id())
        .setHcl(job.hcl())
        .putAllVariables(job.variables())
        .build();
  }

  /** A Nomad job message as the API's record. */
  public static NomadJob fromMessage(dev.booty.plugin.grpc.v1.NomadJob job) {
    return new NomadJob(job.getId(), job.getHcl(), job.getVariablesMap());
  }

  /** A job result as a message. */
  public static dev.booty.plugin.grpc.v1.JobResult toMessage(JobResult result) {
    return dev.booty.plugin.grpc.v1.JobResult.newBuilder()
        .setId(result.id())
        .setChanged(result.changed())
        .setMessage(nullToEmpty(result.message()))
        .build();
  }

  /** A job result message as the API's record. */
  public static JobResult fromMessage(dev.booty.plugin.grpc.v1.JobResult result) {
    return new JobResult(result.getId(), result.getChanged(), result.getMessage());
  }

  static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}

package dev.booty.plugin.protocol;

import dev.booty.api.ClusterProvider;
import dev.booty.plugin.grpc.v1.ClientAccess;
import dev.booty.plugin.grpc.v1.ClusterSpec;

/**
 * Converts the cluster extension point's records ({@link ClusterProvider.ClusterSpec}, {@link
 * ClusterProvider.ClientAccess}) to messages and back. No access (null) travels as a client port of
 * 0.
 */
public final class ClusterCodec {

  private ClusterCodec() {}

  /** A cluster as a scenario declares it, as a message. */
  public static ClusterSpec toMessage(ClusterProvider.ClusterSpec cluster) {
    return ClusterSpec.newBuilder()
        .setName(cluster.name())
        .setVersion(CommonCodec.nullToEmpty(cluster.version()))
        .setDriver(CommonCodec.nullToEmpty(cluster.driver()))
        .putAllOptions(cluster.options())
        .build();
  }

  /** A cluster message as the API's record. */
  public static ClusterProvider.ClusterSpec fromMessage(ClusterSpec cluster) {
    return new ClusterProvider.ClusterSpec(
        cluster.getName(), cluster.getVersion(), cluster.getDriver(), cluster.getOptionsMap());
  }

  /** How clients reach a server as a message; null (the cluster cannot say) is client port 0. */
  public static ClientAccess toMessage(ClusterProvider.ClientAccess access) {
    if (access == null) {
      return ClientAccess.getDefaultInstance();
    }
    return ClientAccess.newBuilder()
        .setClientPort(access.clientPort())
        .setHealthPort(access.healthPort())
        .setHealthPath(CommonCodec.nullToEmpty(access.healthPath()))
        .build();
  }

  /** An access message as the API's record, or null for client port 0. */
  public static ClusterProvider.ClientAccess fromMessage(ClientAccess access) {
    if (access.getClientPort() == 0) {
      return null;
    }
    return new ClusterProvider.ClientAccess(
        access.getClientPort(), access.getHealthPort(), access.getHealthPath());
  }
}

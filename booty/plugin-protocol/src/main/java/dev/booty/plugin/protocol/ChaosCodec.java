package dev.booty.plugin.protocol;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosMode;
import dev.booty.plugin.grpc.v1.ChaosWorld;
import dev.booty.plugin.grpc.v1.FaultSpec;
import dev.booty.plugin.grpc.v1.Link;
import dev.booty.plugin.grpc.v1.PathState;
import dev.booty.plugin.grpc.v1.Server;
import dev.booty.plugin.grpc.v1.Signal;
import dev.booty.plugin.grpc.v1.Site;
import java.time.Duration;
import java.util.List;

/**
 * Converts the chaos extension point's records ({@link ChaosMode.FaultSpec}, {@link
 * ChaosContext.Site}, {@link ChaosContext.Path}, {@link ChaosContext.Signal}) and the data part of
 * a {@link ChaosContext} (sites, round trips, installed versions) to messages and back.
 */
public final class ChaosCodec {

  private ChaosCodec() {}

  /** A fault as a message; a null duration stays unset. */
  public static FaultSpec toMessage(ChaosMode.FaultSpec fault) {
    FaultSpec.Builder out =
        FaultSpec.newBuilder().addAllTargets(fault.targets()).putAllOptions(fault.options());
    if (fault.duration() != null) {
      out.setDuration(CommonCodec.toMessage(fault.duration()));
    }
    return out.build();
  }

  /** A fault message as the API's record. */
  public static ChaosMode.FaultSpec fromMessage(FaultSpec fault) {
    return new ChaosMode.FaultSpec(
        fault.getTargetsList(),
        fault.hasDuration() ? CommonCodec.fromMessage(fault.getDuration()) : null,
        fault.getOptionsMap());
  }

  /** A data centre with its servers as a message. */
  public static Site toMessage(ChaosContext.Site site) {
    Site.Builder out = Site.newBuilder().setName(site.name());
    for (ChaosContext.Server server : site.servers()) {
      out.addServers(
          Server.newBuilder()
              .setName(server.name())
              .setDataCenter(server.dataCenter())
              .setHost(server.host()));
    }
    return out.build();
  }

  /** A data centre message as the API's record. */
  public static ChaosContext.Site fromMessage(Site site) {
    return new ChaosContext.Site(
        site.getName(),
        site.getServersList().stream()
            .map(s -> new ChaosContext.Server(s.getName(), s.getDataCenter(), s.getHost()))
            .toList());
  }

  /** What a chaos call carries of its context: sites, every pair's round trip, versions. */
  public static ChaosWorld world(ChaosContext context) {
    ChaosWorld.Builder out =
        ChaosWorld.newBuilder().addAllInstalledVersions(context.installedVersions());
    List<ChaosContext.Site> sites = context.sites();
    for (ChaosContext.Site site : sites) {
      out.addSites(toMessage(site));
    }
    for (int i = 0; i < sites.size(); i++) {
      for (int j = i + 1; j < sites.size(); j++) {
        String a = sites.get(i).name();
        String b = sites.get(j).name();
        out.addRtts(
            Link.newBuilder().setA(a).setB(b).setRtt(CommonCodec.toMessage(context.rtt(a, b))));
      }
    }
    return out.build();
  }

  /** The round trip between two data centres as the world message says (zero within one). */
  public static Duration rtt(ChaosWorld world, String a, String b) {
    for (Link link : world.getRttsList()) {
      if ((link.getA().equals(a) && link.getB().equals(b))
          || (link.getA().equals(b) && link.getB().equals(a))) {
        return CommonCodec.fromMessage(link.getRtt());
      }
    }
    return Duration.ZERO;
  }

  /** A path state as a message; a null round trip (the configured one) stays unset. */
  public static PathState toMessage(ChaosContext.Path path) {
    PathState.Builder out =
        PathState.newBuilder().setLoss(path.loss()).setDown(path.down()).setSilent(path.silent());
    if (path.rtt() != null) {
      out.setRtt(CommonCodec.toMessage(path.rtt()));
    }
    return out.build();
  }

  /** A path state message as the API's record. */
  public static ChaosContext.Path fromMessage(PathState path) {
    return new ChaosContext.Path(
        path.hasRtt() ? CommonCodec.fromMessage(path.getRtt()) : null,
        path.getLoss(),
        path.getDown(),
        path.getSilent());
  }

  /** A signal as a message. */
  public static Signal toMessage(ChaosContext.Signal signal) {
    return switch (signal) {
      case STOP -> Signal.SIGNAL_STOP;
      case CONT -> Signal.SIGNAL_CONT;
      case KILL -> Signal.SIGNAL_KILL;
    };
  }

  /**
   * A signal message as the API's enum.
   *
   * @throws IllegalArgumentException for an unset or unknown signal
   */
  public static ChaosContext.Signal fromMessage(Signal signal) {
    return switch (signal) {
      case SIGNAL_STOP -> ChaosContext.Signal.STOP;
      case SIGNAL_CONT -> ChaosContext.Signal.CONT;
      case SIGNAL_KILL -> ChaosContext.Signal.KILL;
      default -> throw new IllegalArgumentException("unknown signal " + signal);
    };
  }
}

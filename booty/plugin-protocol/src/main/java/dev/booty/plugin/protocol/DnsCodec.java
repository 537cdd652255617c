package dev.booty.plugin.protocol;

import dev.booty.api.DnsChaos;
import dev.booty.api.DnsProvider;
import dev.booty.plugin.grpc.v1.DnsPlan;
import dev.booty.plugin.grpc.v1.DnsState;
import dev.booty.plugin.grpc.v1.DnsZone;
import dev.booty.plugin.grpc.v1.Target;
import dev.booty.plugin.grpc.v1.Tier;
import dev.booty.plugin.grpc.v1.View;

/**
 * Converts the DNS extension point's records ({@link DnsProvider.DnsZone} with its views, tiers and
 * targets, {@link DnsProvider.DnsPlan}) and {@link DnsChaos.State} to messages and back. A null
 * duration stays unset.
 */
public final class DnsCodec {

  private DnsCodec() {}

  /** A zone with its views as a message. */
  public static DnsZone toMessage(DnsProvider.DnsZone zone) {
    DnsZone.Builder out =
        DnsZone.newBuilder()
            .setZone(zone.zone())
            .setName(zone.name())
            .putAllOptions(zone.options());
    if (zone.ttl() != null) {
      out.setTtl(CommonCodec.toMessage(zone.ttl()));
    }
    if (zone.checkInterval() != null) {
      out.setCheckInterval(CommonCodec.toMessage(zone.checkInterval()));
    }
    for (DnsProvider.View view : zone.views()) {
      out.addViews(toMessage(view));
    }
    return out.build();
  }

  /** A zone message as the API's record. */
  public static DnsProvider.DnsZone fromMessage(DnsZone zone) {
    return new DnsProvider.DnsZone(
        zone.getZone(),
        zone.getName(),
        zone.hasTtl() ? CommonCodec.fromMessage(zone.getTtl()) : null,
        zone.hasCheckInterval() ? CommonCodec.fromMessage(zone.getCheckInterval()) : null,
        zone.getOptionsMap(),
        zone.getViewsList().stream().map(DnsCodec::fromMessage).toList());
  }

  private static View toMessage(DnsProvider.View view) {
    View.Builder out =
        View.newBuilder()
            .setDataCenter(view.dataCenter())
            .setNomadDatacenter(view.nomadDatacenter())
            .putAllAttributes(view.attributes());
    for (DnsProvider.Tier tier : view.tiers()) {
      Tier.Builder t = Tier.newBuilder().setDataCenter(tier.dataCenter());
      for (DnsProvider.Target target : tier.targets()) {
        t.addTargets(
            Target.newBuilder()
                .setServer(target.server())
                .setAddress(target.address())
                .setPort(target.port())
                .setHealthUrl(CommonCodec.nullToEmpty(target.healthUrl())));
      }
      out.addTiers(t);
    }
    return out.build();
  }

  private static DnsProvider.View fromMessage(View view) {
    return new DnsProvider.View(
        view.getDataCenter(),
        view.getNomadDatacenter(),
        view.getAttributesMap(),
        view.getTiersList().stream()
            .map(
                t ->
                    new DnsProvider.Tier(
                        t.getDataCenter(),
                        t.getTargetsList().stream()
                            .map(
                                g ->
                                    new DnsProvider.Target(
                                        g.getServer(),
                                        g.getAddress(),
                                        g.getPort(),
                                        g.getHealthUrl()))
                            .toList()))
            .toList());
  }

  /** A plan as a message. */
  public static DnsPlan toMessage(DnsProvider.DnsPlan plan) {
    DnsPlan.Builder out =
        DnsPlan.newBuilder()
            .setZone(toMessage(plan.zone()))
            .addAllRecords(plan.records())
            .addAllCalls(plan.calls())
            .putAllData(plan.data());
    plan.jobs().forEach(j -> out.addJobs(CommonCodec.toMessage(j)));
    return out.build();
  }

  /** A plan message as the API's record. */
  public static DnsProvider.DnsPlan fromMessage(DnsPlan plan) {
    return new DnsProvider.DnsPlan(
        fromMessage(plan.getZone()),
        plan.getRecordsList(),
        plan.getCallsList(),
        plan.getJobsList().stream().map(CommonCodec::fromMessage).toList(),
        plan.getDataMap());
  }

  /** A DNS state as a message. */
  public static DnsState toMessage(DnsChaos.State state) {
    return switch (state) {
      case SERVING -> DnsState.DNS_SERVING;
      case DOWN -> DnsState.DNS_DOWN;
      case STALE -> DnsState.DNS_STALE;
    };
  }

  /**
   * A DNS state message as the API's enum.
   *
   * @throws IllegalArgumentException for an unset or unknown state
   */
  public static DnsChaos.State fromMessage(DnsState state) {
    return switch (state) {
      case DNS_SERVING -> DnsChaos.State.SERVING;
      case DNS_DOWN -> DnsChaos.State.DOWN;
      case DNS_STALE -> DnsChaos.State.STALE;
      default -> throw new IllegalArgumentException("unknown DNS state " + state);
    };
  }
}

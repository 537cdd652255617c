package dev.booty.plugin.protocol;

import dev.booty.api.HostingProvider;
import dev.booty.api.WanEmulation;
import dev.booty.plugin.grpc.v1.Addresses;
import dev.booty.plugin.grpc.v1.AddressesByDataCenter;
import dev.booty.plugin.grpc.v1.DataCenterSpec;
import dev.booty.plugin.grpc.v1.Endpoint;
import dev.booty.plugin.grpc.v1.HostedDataCenter;
import dev.booty.plugin.grpc.v1.Link;
import dev.booty.plugin.grpc.v1.NameMap;
import dev.booty.plugin.grpc.v1.NamesByDataCenter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts the hosting extension point's records ({@link HostingProvider.DataCenterSpec}, {@link
 * HostingProvider.HostedDataCenter}, {@link WanEmulation.Endpoint}, {@link WanEmulation.Link}) and
 * the per-data-centre maps of names and addresses to messages and back. The cluster and DNS codecs
 * use them too.
 */
public final class HostingCodec {

  private HostingCodec() {}

  /** A data centre as a scenario declares it, as a message. */
  public static DataCenterSpec toMessage(HostingProvider.DataCenterSpec spec) {
    return DataCenterSpec.newBuilder()
        .setName(spec.name())
        .setIndex(spec.index())
        .setServers(spec.servers())
        .putAllOptions(spec.options())
        .build();
  }

  /** A data centre spec message as the API's record. */
  public static HostingProvider.DataCenterSpec fromMessage(DataCenterSpec spec) {
    return new HostingProvider.DataCenterSpec(
        spec.getName(), spec.getIndex(), spec.getServers(), spec.getOptionsMap());
  }

  /** A hosted data centre as a message. */
  public static HostedDataCenter toMessage(HostingProvider.HostedDataCenter dc) {
    return HostedDataCenter.newBuilder()
        .setName(dc.name())
        .setNomadDatacenter(dc.nomadDatacenter())
        .addAllAddresses(dc.addresses())
        .putAllAttributes(dc.attributes())
        .build();
  }

  /** A hosted data centre message as the API's record. */
  public static HostingProvider.HostedDataCenter fromMessage(HostedDataCenter dc) {
    return new HostingProvider.HostedDataCenter(
        dc.getName(),
        dc.getNomadDatacenter(),
        List.copyOf(dc.getAddressesList()),
        dc.getAttributesMap());
  }

  /** A WAN endpoint as a message. */
  public static Endpoint toMessage(WanEmulation.Endpoint endpoint) {
    return Endpoint.newBuilder()
        .setHostName(endpoint.hostName())
        .setDataCenter(endpoint.dataCenter())
        .setAddress(endpoint.address())
        .addAllPorts(endpoint.ports())
        .setName(endpoint.name())
        .build();
  }

  /** A WAN endpoint message as the API's record. */
  public static WanEmulation.Endpoint fromMessage(Endpoint endpoint) {
    return new WanEmulation.Endpoint(
        endpoint.getHostName(),
        endpoint.getDataCenter(),
        endpoint.getAddress(),
        List.copyOf(endpoint.getPortsList()),
        endpoint.getName());
  }

  /** A link's round trip as a message. */
  public static Link toMessage(WanEmulation.Link link) {
    Link.Builder out = Link.newBuilder().setA(link.a()).setB(link.b());
    if (link.rtt() != null) {
      out.setRtt(CommonCodec.toMessage(link.rtt()));
    }
    return out.build();
  }

  /** A link message as the API's record; an unset round trip is null. */
  public static WanEmulation.Link fromMessage(Link link) {
    return new WanEmulation.Link(
        link.getA(), link.getB(), link.hasRtt() ? CommonCodec.fromMessage(link.getRtt()) : null);
  }

  /** For each data centre, what each name resolves to there, as a message. */
  public static NamesByDataCenter toMessage(Map<String, Map<String, String>> names) {
    NamesByDataCenter.Builder out = NamesByDataCenter.newBuilder();
    names.forEach(
        (dc, map) -> out.putByDataCenter(dc, NameMap.newBuilder().putAllNames(map).build()));
    return out.build();
  }

  /** Names by data centre from a message's map (also a {@code ClusterCall}'s). */
  public static Map<String, Map<String, String>> fromMessage(Map<String, NameMap> names) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    names.forEach((dc, map) -> out.put(dc, Map.copyOf(map.getNamesMap())));
    return out;
  }

  /** Names by data centre from their message. */
  public static Map<String, Map<String, String>> fromMessage(NamesByDataCenter names) {
    return fromMessage(names.getByDataCenterMap());
  }

  /** Each data centre's name map, for a message's map field. */
  public static Map<String, NameMap> nameMaps(Map<String, Map<String, String>> names) {
    Map<String, NameMap> out = new LinkedHashMap<>();
    names.forEach((dc, map) -> out.put(dc, NameMap.newBuilder().putAllNames(map).build()));
    return out;
  }

  /** For each data centre, a list of addresses, as a message. */
  public static AddressesByDataCenter addresses(Map<String, List<String>> byDataCenter) {
    AddressesByDataCenter.Builder out = AddressesByDataCenter.newBuilder();
    byDataCenter.forEach(
        (dc, list) ->
            out.putByDataCenter(dc, Addresses.newBuilder().addAllAddresses(list).build()));
    return out.build();
  }

  /** Addresses by data centre from a message's map. */
  public static Map<String, List<String>> addressLists(Map<String, Addresses> byDataCenter) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    byDataCenter.forEach((dc, list) -> out.put(dc, List.copyOf(list.getAddressesList())));
    return out;
  }
}

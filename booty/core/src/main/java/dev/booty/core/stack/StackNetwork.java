package dev.booty.core.stack;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.booty.core.BootyException;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Json;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where other hosts reach the stack: loopback only (the default), or an address of this machine
 * given with {@code booty up --advertise ADDR}, so that agents on other hosts (the ssh hosting) can
 * join. Remembered in {@code stack/network.json} like the ports: a later {@code up} without the
 * flag keeps it, {@code --advertise 127.0.0.1} goes back to loopback only.
 *
 * <p>With an address, only the ports that agents on other hosts need ({@link #EXPOSED}) listen on
 * it, and it is what they are told; every HTTP API, UI, the NATS monitoring and WebSocket ports,
 * VictoriaMetrics and Caddy stay on loopback.
 *
 * @param advertise an IPv4 address of this machine; {@value #LOOPBACK} for loopback only
 */
public record StackNetwork(@JsonProperty("advertise") String advertise) {
  public static final String LOOPBACK = "127.0.0.1";

  /**
   * The ports agents on other hosts use: Nomad clients reach the server's RPC (and servers each
   * other's gossip), Consul agents the server's RPC and LAN gossip, booty's agents and clients the
   * control plane's NATS. Each needs booty's CA, the gossip key or NATS creds (docs/security.md).
   */
  public static final List<String> EXPOSED =
      List.of("nomad.rpc", "nomad.serf", "consul.server", "consul.serf-lan", "nats.client");

  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  public static StackNetwork loopback() {
    return new StackNetwork(LOOPBACK);
  }

  /** The saved network of the stack, or loopback only when none was saved. */
  public static StackNetwork load(Path file) {
    if (!Files.isRegularFile(file)) {
      return loopback();
    }
    StackNetwork n;
    try {
      n = Json.MAPPER.readValue(file.toFile(), StackNetwork.class);
    } catch (IOException e) {
      throw BootyException.failure("cannot read " + file + ": " + e.getMessage());
    }
    if (n.advertise() == null) {
      return loopback();
    }
    try {
      return parse(n.advertise());
    } catch (BootyException e) {
      throw BootyException.failure(file + ": advertise: " + e.getMessage());
    }
  }

  public void save(Path file) throws IOException {
    FileTrees.writeAtomically(file, Json.MAPPER.writeValueAsString(this), false);
  }

  /**
   * {@code address} as given to {@code --advertise}: an IPv4 address in dotted form, not a name
   * (other hosts must reach exactly this) and not a wildcard or multicast address. Whether this
   * machine has it is {@link #requireLocal}'s business.
   */
  public static StackNetwork parse(String address) {
    String a = address == null ? "" : address.strip();
    if (!IPV4.matcher(a).matches()) {
      throw BootyException.usage(
          "--advertise "
              + address
              + ": expected an IPv4 address of this machine that the other hosts reach, e.g."
              + " 192.168.1.10 (not a host name; IPv6 is not supported)");
    }
    InetAddress ip = literal(a);
    if (ip.isAnyLocalAddress() || ip.isMulticastAddress() || a.equals("255.255.255.255")) {
      throw BootyException.usage(
          "--advertise "
              + a
              + ": a wildcard, broadcast or multicast address cannot be advertised; give the"
              + " address of one of this machine's interfaces that the other hosts reach");
    }
    return new StackNetwork(a);
  }

  /** Whether anything listens beyond loopback. */
  public boolean exposed() {
    return !advertise.equals(LOOPBACK);
  }

  /** The address the port called {@code name} listens on and is advertised at. */
  public String host(String name) {
    return EXPOSED.contains(name) ? advertise : LOOPBACK;
  }

  /** {@code host:port} of the port called {@code name}. */
  public String hostPort(StackPorts ports, String name) {
    return host(name) + ":" + ports.get(name);
  }

  /**
   * The names a server certificate of the stack carries besides its role names: {@code localhost},
   * {@value #LOOPBACK}, and the advertised address when there is one.
   */
  public List<String> certificateNames() {
    return exposed() ? List.of("localhost", LOOPBACK, advertise) : List.of("localhost", LOOPBACK);
  }

  /**
   * Fails unless this machine has the advertised address: any loopback address (Linux answers on
   * all of 127.0.0.0/8), or one of {@code machine} (interface name to its addresses). The error
   * names the address and the machine's addresses.
   */
  public void requireLocal(Map<String, List<InetAddress>> machine) {
    InetAddress ip = literal(advertise);
    if (ip.isLoopbackAddress()) {
      return;
    }
    List<String> known = new ArrayList<>();
    for (Map.Entry<String, List<InetAddress>> nic : machine.entrySet()) {
      for (InetAddress a : nic.getValue()) {
        if (a.equals(ip)) {
          return;
        }
        if (a instanceof Inet4Address) {
          known.add(a.getHostAddress() + " (" + nic.getKey() + ")");
        }
      }
    }
    throw BootyException.usage(
        "--advertise "
            + advertise
            + ": not an address of this machine, so nothing could listen there; this machine's"
            + " addresses: "
            + (known.isEmpty() ? "none but loopback" : String.join(", ", known))
            + " (and 127.0.0.0/8 on loopback)");
  }

  /** This machine's interfaces that are up, by name, with their addresses. */
  public static Map<String, List<InetAddress>> machineAddresses() {
    Map<String, List<InetAddress>> out = new java.util.LinkedHashMap<>();
    try {
      for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
        if (nic.isUp()) {
          out.put(nic.getName(), nic.inetAddresses().toList());
        }
      }
    } catch (SocketException e) {
      throw BootyException.failure("cannot list this machine's addresses: " + e.getMessage());
    }
    return out;
  }

  private static InetAddress literal(String ipv4) {
    try {
      return InetAddress.getByName(ipv4); // a literal: no name lookup
    } catch (UnknownHostException e) {
      throw BootyException.usage("--advertise " + ipv4 + ": not an IPv4 address");
    }
  }
}

package dev.booty.plugins.local;

import java.util.regex.Pattern;

/**
 * Where the emulated data centres live on this machine. All of 127.0.0.0/8 answers on the loopback
 * interface without configuration, so each data centre gets a /24 of its own inside the scenario's
 * /16 ({@code subnet}, default {@code 127.77}): its agents on {@code .1}, its DNS server on {@code
 * .2}, its servers from {@code .11}, and its ends of WAN links to other data centres' servers from
 * {@code .100}. The WAN itself (Toxiproxy's API) sits on {@code SUBNET.0.1}. With an address of
 * their own, every data centre can use the usual ports (4222, 4646, 8500, ...) without colliding.
 */
record Addressing(String subnet) {
  static final String DEFAULT_SUBNET = "127.77";
  static final int MAX_DATA_CENTRES = 250;
  static final int MAX_SERVERS = 89;
  static final int MAX_REMOTE_ENDPOINTS = 150;
  // no leading zero: Java reads 127.077 as decimal, libc as octal (127.63), Go refuses it
  private static final Pattern SUBNET = Pattern.compile("127\\.(0|[1-9]\\d{0,2})");

  Addressing {
    var m = SUBNET.matcher(subnet);
    if (!m.matches() || Integer.parseInt(m.group(1)) > 255) {
      throw new IllegalArgumentException(
          "subnet '" + subnet + "' is not a loopback /16 such as 127.77");
    }
  }

  static Addressing of(String subnet) {
    return new Addressing(subnet == null || subnet.isBlank() ? DEFAULT_SUBNET : subnet.strip());
  }

  String wan() {
    return subnet + ".0.1";
  }

  /** The data centre's agents (Consul and Nomad clients). */
  String host(int dc) {
    check(dc);
    return subnet + "." + dc + ".1";
  }

  /** The data centre's own DNS server, when the scenario has one (port 53 there is free). */
  String dns(int dc) {
    check(dc);
    return subnet + "." + dc + ".2";
  }

  /** Server {@code k} (from 1) of data centre {@code dc}. */
  String server(int dc, int k) {
    check(dc);
    if (k < 1 || k > MAX_SERVERS) {
      throw new IllegalArgumentException("server " + k + " is out of 1.." + MAX_SERVERS);
    }
    return subnet + "." + dc + "." + (10 + k);
  }

  /** This data centre's end of the WAN link to the {@code ordinal}-th remote endpoint. */
  String linkEnd(int dc, int ordinal) {
    check(dc);
    if (ordinal < 0 || ordinal >= MAX_REMOTE_ENDPOINTS) {
      throw new IllegalArgumentException(
          "more than " + MAX_REMOTE_ENDPOINTS + " endpoints across the WAN");
    }
    return subnet + "." + dc + "." + (100 + ordinal);
  }

  private static void check(int dc) {
    if (dc < 1 || dc > MAX_DATA_CENTRES) {
      throw new IllegalArgumentException("data centre index " + dc + " is out of 1..250");
    }
  }
}

package dev.booty.plugin.protocol;

import java.util.Base64;

/**
 * The one line an executable plugin prints on stdout once it serves: {@code
 * CORE|APP|NETWORK|ADDRESS|PROTOCOL|CERT}, the fields of HashiCorp go-plugin's handshake. CORE is
 * the handshake's own version ({@link #CORE}), APP the plugin protocol version the plugin chose
 * among those booty offered, NETWORK {@code tcp}, ADDRESS {@code 127.0.0.1:PORT}, PROTOCOL {@code
 * grpc}, CERT the plugin's server certificate as unpadded base64 of its DER.
 *
 * @param core the handshake version, {@link #CORE}
 * @param app the plugin protocol version the plugin speaks
 * @param network {@code tcp}
 * @param address where the plugin serves, {@code host:port}
 * @param protocol {@code grpc}
 * @param certificate the DER of the plugin's server certificate
 */
public record Handshake(
    int core, int app, String network, String address, String protocol, byte[] certificate) {

  /** The handshake line's own version. */
  public static final int CORE = 1;

  /** The plugin protocol versions this code speaks; booty offers them, plugins pick one. */
  public static final int PROTOCOL_VERSION = 1;

  /** The shape of the line, for error messages. */
  public static final String SHAPE = "CORE|APP|tcp|ADDRESS|grpc|CERT";

  /** The handshake a plugin serving at {@code address} with {@code certificate} prints. */
  public static Handshake of(String address, byte[] certificate) {
    return new Handshake(CORE, PROTOCOL_VERSION, "tcp", address, "grpc", certificate);
  }

  /**
   * Reads a handshake line.
   *
   * @throws IllegalArgumentException saying which field is wrong; the caller names the plugin
   */
  public static Handshake parse(String line) {
    String[] fields = line.strip().split("\\|", -1);
    if (fields.length != 6) {
      throw new IllegalArgumentException(
          "expected 6 fields separated by '|', found " + fields.length);
    }
    int core = number(fields[0], "CORE");
    int app = number(fields[1], "APP");
    if (fields[3].isBlank() || fields[3].lastIndexOf(':') < 1) {
      throw new IllegalArgumentException("ADDRESS '" + fields[3] + "' is not host:port");
    }
    byte[] certificate;
    try {
      certificate = Base64.getDecoder().decode(fields[5]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("CERT is not base64: " + e.getMessage());
    }
    if (certificate.length == 0) {
      throw new IllegalArgumentException("CERT is empty");
    }
    return new Handshake(core, app, fields[2], fields[3], fields[4], certificate);
  }

  private static int number(String field, String name) {
    try {
      return Integer.parseInt(field);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " '" + field + "' is not a number");
    }
  }

  /** The line as a plugin prints it (without the line break). */
  public String format() {
    return core
        + "|"
        + app
        + "|"
        + network
        + "|"
        + address
        + "|"
        + protocol
        + "|"
        + Base64.getEncoder().withoutPadding().encodeToString(certificate);
  }

  /** The host part of {@link #address}. */
  public String host() {
    return address.substring(0, address.lastIndexOf(':'));
  }

  /** The port part of {@link #address}. */
  public int port() {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }
}

package dev.booty.plugins.powerdns;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * PowerDNS's control socket ({@code pdns.controlsocket} in its socket dir), spoken directly rather
 * than through {@code pdns_control}, which would need the packaged tree's library path: a stream
 * socket, one command line in, the answer until the server closes.
 */
final class ControlSocket {
  static final String NAME = "pdns.controlsocket";

  private ControlSocket() {}

  static String command(Path socketDir, String line) throws IOException {
    Path socket = socketDir.resolve(NAME);
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ByteBuffer out = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
      while (out.hasRemaining()) {
        ch.write(out);
      }
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      ByteBuffer in = ByteBuffer.allocate(1500);
      while (ch.read(in) >= 0) {
        answer.write(in.array(), 0, in.position());
        in.clear();
      }
      return answer.toString(StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IOException("PowerDNS control socket " + socket + ": " + e.getMessage(), e);
    }
  }

  /** Makes the bind backend read {@code zone}'s file again, now. */
  static void reloadZone(Path socketDir, String zone) throws IOException {
    String answer = command(socketDir, "bind-reload-now " + zone);
    if (!answer.contains("parsed into memory")) {
      throw new IOException(
          "PowerDNS did not reload zone " + zone + " (" + socketDir.resolve(NAME) + "): " + answer);
    }
  }
}

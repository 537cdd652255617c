package dev.booty.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.stack.StackPorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A booty stack for one integration test class: the components installed into its own home, and
 * {@code booty up} on ports picked free, so it never meets another stack on the machine.
 */
final class TestStack {
  final Distribution booty;
  final Map<String, Integer> port = new TreeMap<>();

  /** The front door's password, as the first {@code booty up} printed it. */
  String password;

  private TestStack(Distribution booty) {
    this.booty = booty;
  }

  /** Installs {@code components} and brings the stack up on free loopback ports. */
  static TestStack up(Path home, String... components) throws Exception {
    TestStack s = new TestStack(new Distribution(home));
    List<String> install = new ArrayList<>(List.of("install", "--quiet"));
    install.addAll(List.of(components));
    Distribution.Run r = s.booty.run(install.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (String name : StackPorts.names()) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(socket);
        s.port.put(name, socket.getLocalPort());
      }
    } finally {
      for (ServerSocket socket : held) {
        socket.close();
      }
    }
    List<String> up = new ArrayList<>(List.of("up"));
    s.port.forEach((k, v) -> up.addAll(List.of("--port", k + "=" + v)));
    r = s.booty.run(up.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("password: +(\\S+)").matcher(r.out() + r.err());
    assertThat(m.find()).as("the first booty up prints the password: " + r).isTrue();
    s.password = m.group(1);
    return s;
  }

  String nomad() {
    return "https://127.0.0.1:" + port.get("nomad.http");
  }

  String consul() {
    return "https://127.0.0.1:" + port.get("consul.http");
  }

  /** Nomad's and Consul's APIs with the home's credentials. */
  StackApi api() {
    return new StackApi(booty.home());
  }

  /**
   * A scenario of the repository, renamed and moved onto the test's own loopback subnet (each of
   * {@code dcs} gets {@code options: {subnet: ...}}), written into {@code dir}.
   */
  static Path onOwnSubnet(
      String file, String name, String newName, String subnet, List<String> dcs, Path dir)
      throws IOException {
    String text =
        Files.readString(Path.of("..", "scenarios", file))
            .replace("name: " + name, "name: " + newName);
    for (String dc : dcs) {
      text =
          text.replace(
              "  - name: " + dc + "\n",
              "  - name: " + dc + "\n    options: {subnet: \"" + subnet + "\"}\n");
    }
    Path out = dir.resolve(newName + "-" + file);
    Files.writeString(out, text);
    return out;
  }
}

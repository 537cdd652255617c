package dev.booty.core.plugin.remote;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosMode;
import dev.booty.plugin.protocol.Handshake;
import dev.booty.plugin.sdk.PluginServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real executable plugin for the remote tests, started as {@code java -cp TEST_CLASSPATH
 * FakePlugin MODE}. Each mode misbehaves one way (or not at all: {@code ok}).
 */
public final class FakePlugin {

  private FakePlugin() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    System.err.println("fake plugin starting in mode " + mode);
    switch (mode) {
      case "exit-early" -> {
        System.err.println("cannot read my settings: /nowhere/settings.yaml");
        System.exit(1);
      }
      case "wrong-protocol" -> {
        System.out.println("1|2|tcp|127.0.0.1:1|grpc|MIIBCn8");
        Thread.sleep(60_000);
      }
      case "slow-start" -> Thread.sleep(60_000);
      case "garbage-line" -> {
        System.out.println("hello");
        Thread.sleep(60_000);
      }
      case "garbage-answer" -> garbageAnswer();
      case "child-left" -> {
        new ProcessBuilder("sleep", "300").start();
        System.err.println("left a sleep 300 behind");
      }
      default -> {}
    }
    // one fake under many ids: it answers to the id booty started it as
    PluginServer.serve(System.getenv("BOOTY_PLUGIN_ID"), "0.0.1", new Fake());
  }

  /**
   * The command that starts this fake as plugin {@code id} in {@code mode}, with {@code folder}
   * (created) as its folder and {@code folder/plugin.yaml} as where it was declared.
   */
  static PluginProcess.Spec spec(Path folder, String id, String mode, Duration startTimeout)
      throws IOException {
    Files.createDirectories(folder);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new PluginProcess.Spec(
        id,
        folder,
        List.of(
            java,
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-cp",
            System.getProperty("java.class.path"),
            FakePlugin.class.getName(),
            mode),
        startTimeout,
        folder.resolve("plugin.yaml"));
  }

  /**
   * A right handshake line (booty's certificate for this start, the protocol booty speaks) whose
   * address answers bytes that are neither TLS nor gRPC, then closes the connection.
   */
  private static void garbageAnswer() throws Exception {
    Path tls = Path.of(System.getenv("BOOTY_PLUGIN_TLS_DIR"));
    byte[] certificate;
    try (InputStream in = Files.newInputStream(tls.resolve("plugin.pem"))) {
      certificate = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
    }
    ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    System.err.println("answering garbage on port " + socket.getLocalPort());
    System.out.println(Handshake.of("127.0.0.1:" + socket.getLocalPort(), certificate).format());
    System.out.flush();
    while (true) {
      try (Socket s = socket.accept();
          OutputStream out = s.getOutputStream()) {
        out.write("220 not a plugin here\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // read until booty hangs up: closing with its hello unread would reset the connection,
        // and booty might see the reset before the bytes
        s.setSoTimeout(10_000);
        s.getInputStream().transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        System.err.println("garbage answer failed: " + e);
      }
    }
  }

  /** Chaos mode {@code fake}: targets must be sites; inject reports progress and may crash. */
  static final class Fake implements ChaosMode {
    @Override
    public String id() {
      return "fake";
    }

    @Override
    public Map<String, String> prepare(FaultSpec fault, ChaosContext context) {
      List<String> sites = context.sites().stream().map(ChaosContext.Site::name).toList();
      for (String t : fault.targets()) {
        if (!sites.contains(t)) {
          throw new IllegalArgumentException(
              "fake: target '" + t + "' is no data centre; known: " + String.join(", ", sites));
        }
      }
      return Map.of(
          "targets",
          String.join(",", fault.targets()),
          "rtt",
          context.rtt(sites.get(0), sites.get(sites.size() - 1)).toString());
    }

    @Override
    public List<String> takesOut(FaultSpec fault, ChaosContext context) {
      return fault.targets();
    }

    @Override
    public void inject(FaultSpec fault, Map<String, String> record, ChaosContext context)
        throws InterruptedException {
      context.plugin().progress("fake in " + record.get("targets"));
      if ("crash".equals(fault.options().get("then"))) {
        System.err.println("about to be killed in inject");
        try {
          new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid()))
              .start()
              .waitFor();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        Thread.sleep(10_000);
      }
      if ("wait".equals(fault.options().get("then"))) {
        try {
          context.sleep(Duration.ofMinutes(5));
        } catch (InterruptedException e) {
          System.err.println("fake interrupted");
          throw e;
        }
      }
      if ("refuse".equals(fault.options().get("then"))) {
        context.servers("nowhere", false);
      }
    }

    @Override
    public void heal(Map<String, String> record, ChaosContext context) {
      context.plugin().progress("fake healed " + record.get("targets"));
    }
  }
}

package dev.booty.core.testing;

import static org.assertj.core.api.Assertions.fail;

import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentManager;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.install.InstallResult;
import dev.booty.core.manifest.ComponentRef;
import dev.booty.core.manifest.ManifestLoader;
import dev.booty.core.source.Sources;
import dev.booty.core.util.Progress;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Real binaries for tests that need one, installed the way users get them: by booty's own installer
 * into a home shared by the test JVM. A fresh machine builds it from its Go module (booty's Go
 * build cache in ~/.cache/booty keeps it for the next run); without a way to get it the test fails,
 * it is never skipped.
 */
public final class TestBinaries {
  private static final Map<String, Path> INSTALLED = new HashMap<>();

  private TestBinaries() {}

  /** The default nats-server of booty's manifest. */
  public static Path natsServer() throws IOException {
    return binary("nats-server");
  }

  public static synchronized Path binary(String component) throws IOException {
    Path known = INSTALLED.get(component);
    if (known != null) {
      return known;
    }
    Path home = Files.createTempDirectory("booty-test-binaries-");
    // deleteOnExit leaves a folder with files in it behind: the whole tree goes when the JVM ends
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    dev.booty.core.util.FileTrees.deleteRecursively(home);
                  } catch (IOException e) {
                    System.err.println("cannot remove " + home + ": " + e.getMessage());
                  }
                },
                "test-binaries"));
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put(BootyHome.ENV, home.toString());
    env.remove(ManifestLoader.ENV);
    BootyHome bootyHome = BootyHome.resolve(null, env);
    ComponentManager manager =
        new ComponentManager(ManifestLoader.builtIn(), new ComponentStore(bootyHome), env);
    InstallResult r =
        manager
            .installer(Sources.defaults(), Progress.silent())
            .install(ComponentRef.parse(component));
    Path binary = Path.of(r.binary());
    if (!Files.isExecutable(binary)) {
      fail("booty installed " + component + " but " + binary + " is not executable");
    }
    INSTALLED.put(component, binary);
    return binary;
  }

  /** A loopback port nothing listens on right now. */
  public static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Waits until something listens on a loopback port; fails after 5 s. */
  public static void awaitPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(20);
      }
    }
    fail("nothing listens on 127.0.0.1:" + port + " after 5 s");
  }
}

package dev.booty.core.plugin.remote;

import dev.booty.core.home.BootyHome;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A booty process for {@link BootyKilledHardTest}, started as {@code java -cp TEST_CLASSPATH
 * FakeBooty HOME ID}: it starts {@link FakePlugin} as plugin {@code ID} through the real core
 * classes, prints {@code plugin-pid PID} and waits to be killed.
 */
public final class FakeBooty {

  private FakeBooty() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    String id = args[1];
    RemotePlugins remote = new RemotePlugins(new BootyHome(root));
    var spec =
        FakePlugin.spec(
            root.resolve("plugin-folders").resolve(id), id, "ok", Duration.ofMinutes(1));
    long pid = remote.plugin(spec, Duration.ofMinutes(1)).process().pid();
    System.out.println("plugin-pid " + pid);
    System.out.flush();
    Thread.sleep(Duration.ofMinutes(10));
  }
}

package dev.booty.core.run;

import dev.booty.core.BootyException;
import dev.booty.core.scenario.ClientGroup;
import dev.booty.core.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Before a run with browser clients deploys anything: Debian's Chromium and its ChromeDriver are
 * there, run, and are of one major version (a ChromeDriver drives only its own Chrome's major
 * version; a mismatch would only show once every browser job failed to start).
 */
public final class BrowserCheck {
  /** Debian's {@code chromium} package. */
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  /** Debian's {@code chromium-driver} package. */
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  static final String INSTALL = "apt-get install chromium chromium-driver";

  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.\\d+\\.\\d+\\.\\d+");

  private BrowserCheck() {}

  /** Nothing when the scenario has no browser group; a clear error when its browsers cannot run. */
  public static void require(Scenario s) {
    require(s, CHROMIUM, CHROMEDRIVER);
  }

  static void require(Scenario s, Path chromiumPath, Path driverPath) {
    List<ClientGroup> browsers =
        s.clients().stream().filter(g -> g.kind() == ClientGroup.Kind.BROWSER).toList();
    if (browsers.isEmpty()) {
      return;
    }
    String why =
        s.file()
            + ": clients of kind browser ("
            + String.join(", ", browsers.stream().map(ClientJobs::label).toList())
            + ") run Debian's Chromium";
    String chromium = version(chromiumPath, why);
    String driver = version(driverPath, why);
    if (!major(chromium).equals(major(driver))) {
      throw BootyException.failure(
          why
              + ", but "
              + chromiumPath
              + " is "
              + chromium
              + " and "
              + driverPath
              + " is "
              + driver
              + ": a ChromeDriver drives only its own major version ("
              + INSTALL
              + " installs a matching pair)");
    }
  }

  /** The version a program prints ({@code Chromium 156.0.8078.114 built on ...}). */
  static String version(Path program, String why) {
    if (!Files.isExecutable(program)) {
      throw BootyException.failure(
          why + ": " + program + " is missing; install it first (" + INSTALL + ")");
    }
    try {
      Process p =
          new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw BootyException.failure(
            why + ": '" + program + " --version' failed: " + out + " (" + INSTALL + ")");
      }
      Matcher m = VERSION.matcher(out);
      if (!m.find()) {
        throw BootyException.failure(
            why + ": '" + program + " --version' printed no version: " + out);
      }
      return m.group();
    } catch (IOException e) {
      throw BootyException.failure(why + ": cannot run " + program + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BootyException.failure(why + ": interrupted while asking " + program);
    }
  }

  static String major(String version) {
    return version.substring(0, version.indexOf('.'));
  }
}

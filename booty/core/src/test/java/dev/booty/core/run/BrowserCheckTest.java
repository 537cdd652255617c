package dev.booty.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.core.BootyException;
import dev.booty.core.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chromium and its driver are checked before a run with browser clients touches anything. */
class BrowserCheckTest {
  @TempDir Path tmp;

  static Scenario withBrowsers() throws Exception {
    return ClientJobsTest.withGroups("  - datacenter: dallas\n    count: 2\n    kind: browser\n");
  }

  @Test
  void theMachinesChromiumAndDriverPass() throws Exception {
    // .ci/run installs Debian's chromium and chromium-driver: a machine without them fails here
    assertThatCode(() -> BrowserCheck.require(withBrowsers())).doesNotThrowAnyException();
    assertThat(BrowserCheck.major(BrowserCheck.version(BrowserCheck.CHROMIUM, "x")))
        .isEqualTo(BrowserCheck.major(BrowserCheck.version(BrowserCheck.CHROMEDRIVER, "x")));
  }

  @Test
  void aMissingChromiumIsNamedWithTheCommandThatInstallsIt() throws Exception {
    assertThatThrownBy(
            () ->
                BrowserCheck.require(
                    withBrowsers(), tmp.resolve("chromium"), BrowserCheck.CHROMEDRIVER))
        .isInstanceOf(BootyException.class)
        .hasMessageContaining("clients of kind browser (dallas-browser) run Debian's Chromium")
        .hasMessageContaining(tmp.resolve("chromium") + " is missing")
        .hasMessageContaining("apt-get install chromium chromium-driver");
  }

  @Test
  void aDriverOfAnotherMajorVersionIsRefused() throws Exception {
    Path driver = tmp.resolve("chromedriver");
    Files.writeString(driver, "#!/bin/sh\necho 'ChromeDriver 120.0.6099.1 (abc)'\n");
    Files.setPosixFilePermissions(driver, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThatThrownBy(() -> BrowserCheck.require(withBrowsers(), BrowserCheck.CHROMIUM, driver))
        .isInstanceOf(BootyException.class)
        .hasMessageContaining(driver + " is 120.0.6099.1")
        .hasMessageContaining("a ChromeDriver drives only its own major version");
  }

  @Test
  void aScenarioWithoutBrowsersNeedsNoChromium() throws Exception {
    assertThatCode(
            () ->
                BrowserCheck.require(
                    ClientJobsTest.withGroups(""), tmp.resolve("none"), tmp.resolve("none")))
        .doesNotThrowAnyException();
  }
}

package dev.booty.dist;

import dev.booty.core.client.browser.Chromium;
import dev.booty.core.home.BootyHome;
import dev.booty.core.run.BrowserCheck;
import dev.booty.core.stack.CaddyService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Real headless Chromium (Debian's, through chromedriver: the same launcher booty's browser clients
 * use, so nothing of it is left) looking at booty's pages through Caddy. Screenshots go to {@code
 * target/screenshots}, kept as the test's artifacts.
 *
 * <p>The front door speaks HTTPS with a certificate of the test home's own CA: this browser alone
 * accepts that certificate's key ({@link Chromium#acceptingKeyOf}), no trust store changes.
 */
final class DashboardBrowser implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final Chromium chromium;
  private final ChromeDriver driver;
  private final String user;
  private final String password;

  DashboardBrowser(TestStack stack) throws Exception {
    this.chromium =
        Chromium.launch(
            BrowserCheck.CHROMIUM,
            BrowserCheck.CHROMEDRIVER,
            List.of(
                Chromium.acceptingKeyOf(
                    CaddyService.certificate(new BootyHome(stack.booty.home())))),
            line -> {});
    this.driver = chromium.driver();
    this.user = "booty";
    this.password = stack.password;
    driver.manage().window().setSize(new Dimension(1400, 1000));
  }

  /**
   * Opens {@code url} as a user who typed the password does: once with the front door's credentials
   * in the URL (Chromium answers Caddy's challenge with them and keeps them for the origin), then
   * the plain URL, whose page's own requests (fetch, EventSource, an Ember app's API calls) carry
   * the kept credentials; a page whose URL holds credentials cannot fetch relative URLs.
   */
  void open(String url) {
    driver.get(url.replace("https://", "https://" + user + ":" + password + "@"));
    driver.get(url);
  }

  /** Goes to another route of the page already open (no reload). */
  void route(String hash) {
    driver.executeScript("location.hash = arguments[0];", hash);
  }

  ChromeDriver driver() {
    return driver;
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  Object script(String js, Object... args) {
    return driver.executeScript(js, args);
  }

  /** Waits until {@code done} holds; fails naming {@code what} with the page's text otherwise. */
  void await(String what, Duration within, BooleanSupplier done) throws InterruptedException {
    await(what, within, done, () -> "");
  }

  /**
   * {@link #await(String, Duration, BooleanSupplier)}; a failure also says {@code more} and keeps a
   * screenshot. {@code done} may throw an {@link IllegalStateException} to give up at once.
   */
  void await(String what, Duration within, BooleanSupplier done, Supplier<String> more)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    String gaveUp = null;
    while (gaveUp == null) {
      try {
        if (done.getAsBoolean()) {
          return;
        }
      } catch (IllegalStateException e) {
        gaveUp = e.getMessage();
      } catch (RuntimeException e) {
        // the page is being rendered again: look once more
      }
      if (Instant.now().isAfter(deadline)) {
        gaveUp = "not within " + within.toMillis() + " ms";
      }
      if (gaveUp == null) {
        Thread.sleep(100);
      }
    }
    String shot;
    try {
      shot = screenshot("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-")).toString();
    } catch (Exception e) {
      shot = "no screenshot: " + e;
    }
    throw new AssertionError(
        gaveUp + ": " + what + " (" + shot + ")\n" + more.get() + "\n--- page ---\n" + text());
  }

  /** Saves what the browser shows as {@code target/screenshots/NAME.png}. */
  Path screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Path out = SCREENSHOTS.resolve(name + ".png");
    Files.write(out, driver.getScreenshotAs(OutputType.BYTES));
    return out;
  }

  @Override
  public void close() {
    chromium.close();
  }
}

package dev.booty.core.client.browser;

import dev.booty.core.security.BootyCa;
import dev.booty.core.util.FileTrees;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Chromium with a fresh profile in a temp folder, driven through Debian's chromedriver
 * (Selenium 4's ChromeDriver; docs/decisions.md says why). It knows its own processes (the browser,
 * everything under it, and chromedriver) so that {@link #close} leaves none of them and no profile
 * folder behind, whatever state the browser is in.
 */
public final class Chromium implements AutoCloseable {
  /**
   * The flags: headless, no sandbox (containers and Nomad's exec driver have no user namespaces for
   * it), no GPU, nothing fetched by the browser itself (no QUIC, no background networking,
   * component updates, sync), /tmp rather than a small /dev/shm, and the page's timers never
   * throttled: a headless page is the only one, but Chromium still counts it as in the background
   * in some states (occluded, renderer backgrounded), and then it would send below its rate.
   */
  static final List<String> FLAGS =
      List.of(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--disable-background-timer-throttling",
          "--disable-renderer-backgrounding",
          "--disable-backgrounding-occluded-windows");

  /**
   * Selenium looks for DevTools bindings of Chromium's exact version on every start and warns when
   * it has none; booty uses none of them (only WebDriver and its log endpoint), so the warning
   * would only be noise in every browser process's log. Held here: loggers are weakly kept.
   */
  private static final Logger CDP_FINDER =
      Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_FINDER.setLevel(Level.OFF);
  }

  /** How long quitting may take before the processes are killed. */
  private static final Duration QUIT = Duration.ofSeconds(10);

  private final ChromeDriver driver;
  private final Path root;
  private final ProcessHandle browser;
  private final Map<Long, ProcessHandle> known = new LinkedHashMap<>();
  private final Consumer<String> log;

  private Chromium(ChromeDriver driver, Path root, ProcessHandle browser, Consumer<String> log) {
    this.driver = driver;
    this.root = root;
    this.browser = browser;
    this.log = log;
    remember(browser);
    browser.parent().ifPresent(this::remember); // chromedriver
    refresh();
  }

  /**
   * Starts {@code chromium} through {@code chromedriver}; fails with a message naming both paths.
   * Whatever it started is gone again when it fails.
   *
   * <p>Everything Chromium writes goes under one temp folder: the profile ({@code
   * --user-data-dir}), and through {@code XDG_CONFIG_HOME} and {@code XDG_CACHE_HOME} what it keeps
   * outside the profile: Debian's build starts crashpad handlers whose database would otherwise be
   * ~/.config/chromium/Crash Reports, whatever the profile; {@code TMPDIR} holds its singleton
   * socket folder ({@code org.chromium.Chromium.*}, left behind in /tmp by a Chromium that is
   * killed) and, with {@code --disable-dev-shm-usage}, its shared memory files.
   */
  public static Chromium launch(Path chromium, Path chromedriver, Consumer<String> log)
      throws IOException {
    return launch(chromium, chromedriver, List.of(), log);
  }

  /**
   * {@link #launch(Path, Path, Consumer)} with {@code flags} after booty's own {@link #FLAGS}: what
   * one caller needs and no other should get (booty's test and bench harnesses accept the front
   * door's key with {@code --ignore-certificate-errors-spki-list}; browser clients pass none).
   */
  public static Chromium launch(
      Path chromium, Path chromedriver, List<String> flags, Consumer<String> log)
      throws IOException {
    for (Path p : List.of(chromium, chromedriver)) {
      if (!Files.isExecutable(p)) {
        throw new IOException(
            p + " is not an executable file (Debian: apt install chromium chromium-driver)");
      }
    }
    Path root = Files.createTempDirectory("booty-chromium-");
    List<String> args = new ArrayList<>(FLAGS);
    args.addAll(flags);
    args.add("--user-data-dir=" + root.resolve("profile"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(args);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .withEnvironment(
                Map.of(
                    "XDG_CONFIG_HOME", root.resolve("config").toString(),
                    "XDG_CACHE_HOME", root.resolve("cache").toString(),
                    "TMPDIR", Files.createDirectories(root.resolve("tmp")).toString()))
            .withLogOutput(OutputStream.nullOutputStream())
            .build();
    ChromeDriver driver;
    try {
      driver = new ChromeDriver(service, options);
    } catch (WebDriverException e) {
      service.stop();
      killUnder(root);
      delete(root, log);
      throw new IOException(
          "cannot start " + chromium + " through " + chromedriver + ": " + firstLine(e), e);
    }
    ProcessHandle browser = findBrowser(root).orElse(null);
    if (browser == null) {
      driver.quit();
      killUnder(root);
      delete(root, log);
      throw new IOException(
          chromedriver
              + " started a browser, but no process of "
              + chromium
              + " under "
              + root
              + " is running");
    }
    return new Chromium(driver, root, browser, log);
  }

  /**
   * The flag with which a Chromium accepts a server showing the key of the certificate in {@code
   * file}, whoever signed it ({@code --ignore-certificate-errors-spki-list}): how booty's test and
   * bench browsers open the front door, whose certificate is from a home's own CA, without a change
   * to any trust store. Never one of {@link #FLAGS}: browser clients load nothing through it.
   */
  public static String acceptingKeyOf(Path file) {
    return "--ignore-certificate-errors-spki-list=" + BootyCa.spkiSha256(file);
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** The temp folder of everything it writes: profile, config, cache. */
  Path profile() {
    return root;
  }

  /** The browser's main process. */
  public ProcessHandle browser() {
    return browser;
  }

  /** Every process of this browser seen so far: chromedriver, the browser and those under it. */
  synchronized List<ProcessHandle> processes() {
    return List.copyOf(known.values());
  }

  /**
   * Notes the browser's current processes (renderers come and go), so close() finds them all: those
   * under it, and those that left the tree but name its folder (crashpad handlers).
   */
  synchronized void refresh() {
    browser.descendants().forEach(this::remember);
    naming(root).forEach(this::remember);
  }

  /** The console entries since the last call; none once the browser is gone. */
  List<LogEntry> console() {
    try {
      return driver.manage().logs().get(LogType.BROWSER).getAll();
    } catch (WebDriverException e) {
      return List.of();
    }
  }

  /**
   * Quits the browser and chromedriver, kills what is left of them after {@link #QUIT}, and deletes
   * the temp folder.
   */
  @Override
  public void close() {
    refresh();
    Thread quit =
        Thread.ofVirtual()
            .name("booty-chromium-quit")
            .start(
                () -> {
                  try {
                    driver.quit();
                  } catch (RuntimeException e) {
                    // a dead browser cannot quit: its processes are killed below
                  }
                });
    try {
      quit.join(QUIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<ProcessHandle> all = processes();
    awaitExit(all, Duration.ofSeconds(5));
    for (ProcessHandle p : all) {
      p.destroyForcibly();
    }
    awaitExit(all, Duration.ofSeconds(5));
    killUnder(root);
    delete(root, log);
  }

  private synchronized void remember(ProcessHandle p) {
    known.putIfAbsent(p.pid(), p);
  }

  private static void awaitExit(List<ProcessHandle> processes, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    for (ProcessHandle p : processes) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        p.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // killed after
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * The main browser process: one of ours whose command line names the profile (Chromium's child
   * processes rewrite their command lines, Java cannot read them; the main one keeps it).
   */
  private static Optional<ProcessHandle> findBrowser(Path root) {
    String flag = "--user-data-dir=" + root.resolve("profile");
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains(flag)).orElse(false))
        .findFirst();
  }

  /** Every process of the machine whose command line Java can read and that names {@code root}. */
  private static List<ProcessHandle> naming(Path root) {
    String path = root.toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(path)).orElse(false))
        .toList();
  }

  /** Kills whatever still names the temp folder: a last resort. */
  private static void killUnder(Path root) {
    naming(root).forEach(ProcessHandle::destroyForcibly);
  }

  /** Deletes the temp folder; Chromium may still be writing into it as it exits, so tries again. */
  private static void delete(Path root, Consumer<String> log) {
    for (int i = 0; i < 20; i++) {
      try {
        FileTrees.deleteRecursively(root);
        return;
      } catch (IOException e) {
        if (i == 19) {
          log.accept("cannot delete chromium's folder " + root + ": " + e.getMessage());
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The first line of a WebDriver message (the rest is Selenium's build and system info). */
  static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }
}

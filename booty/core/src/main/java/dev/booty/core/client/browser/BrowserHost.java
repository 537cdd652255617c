package dev.booty.core.client.browser;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.booty.core.BootyException;
import dev.booty.core.backchannel.protocol.Subjects;
import dev.booty.core.client.ClientConfig;
import dev.booty.core.client.ClientHost;
import dev.booty.core.client.DnsWatch;
import dev.booty.core.scenario.ClientGroup.Bootstrap;
import dev.booty.core.util.Json;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * One process's share of a scenario's browser clients ({@code booty browsers}, a Nomad allocation
 * of a browser group's job): a headless Chromium holding one page whose NATS connections over
 * WebSocket are the clients. The host serves the page ({@link PageServer}), starts Chromium ({@link
 * Chromium}), hands the page its configuration, and then every second copies the page's console to
 * its log and checks the page is alive; the page reports over its own back-channel connection. It
 * answers {@code booty.clients.SCENARIO.finish} as {@link ClientHost} does.
 *
 * <p>A page that does not load, a {@code booty.start} that fails, a crashed tab or a Chromium that
 * exits make it publish a {@link BrokenMessage} with the console's latest lines and end with a
 * {@link BootyException#broken} error: the run is told at once, rather than waiting for reports
 * that never come. In every case it leaves no Chromium process and no profile folder behind.
 */
public final class BrowserHost {
  /** Message format version, as {@link ClientHost}'s. */
  static final int VERSION = 1;

  /** How often the host looks at the page. */
  static final Duration EVERY = Duration.ofSeconds(1);

  /** How long a call into the page may take: finish() waits 2 s for messages, flushes for 5. */
  static final Duration SCRIPT = Duration.ofSeconds(30);

  /**
   * Starts the page's clients and keeps the outcome of the promise in {@code window.bootyStart}.
   */
  private static final String START =
      """
      window.bootyStart = {state: 'pending'};
      Promise.resolve()
        .then(() => window.booty.start(JSON.parse(arguments[0])))
        .then(() => { window.bootyStart = {state: 'ok'}; },
              e => {
                const failure = String(e && e.message || e);
                window.bootyStart = {state: 'failed', failure};
                console.error('booty.start failed: ' + failure);
              });
      """;

  /** The outcome of start so far, and the page's own state (which also proves it answers). */
  private static final String LOOK =
      "return {start: window.bootyStart, page: window.booty.state()};";

  /**
   * What one browser process runs.
   *
   * @param clients the page's connections (all of one data centre and group)
   * @param process the process's name in messages: {@code GROUP-INDEX} (plus {@code -INSTANCE})
   * @param controlPlaneWs the control plane's WebSocket URL, for the page's back channel
   * @param reportCreds the text of the creds the page reports with; null without authentication
   */
  public record Settings(
      List<ClientConfig> clients,
      String scenario,
      String run,
      String process,
      String controlPlaneWs,
      String reportCreds,
      Path chromium,
      Path chromedriver) {
    /**
     * The most connections one page holds: Chromium opens at most 255 WebSockets per profile (its
     * WebSocket socket pool; the 256th fails with ERR_INSUFFICIENT_RESOURCES), and one of them is
     * the page's back channel. More clients need more processes.
     */
    public static final int MAX_CLIENTS = dev.booty.core.scenario.ClientGroup.MAX_PER_BROWSER;

    /** Debian's chromium. */
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** Debian's chromium-driver. */
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    public Settings {
      if (clients == null || clients.isEmpty()) {
        throw new IllegalArgumentException("clients: at least one expected");
      }
      if (clients.size() > MAX_CLIENTS) {
        throw new IllegalArgumentException(
            clients.size()
                + " clients in one page: Chromium opens at most 255 WebSockets per profile, one"
                + " of them the back channel, so at most "
                + MAX_CLIENTS
                + " (run more browser processes)");
      }
      clients = List.copyOf(clients);
      chromium = chromium == null ? CHROMIUM : chromium;
      chromedriver = chromedriver == null ? CHROMEDRIVER : chromedriver;
    }

    public String dc() {
      return clients.getFirst().dc();
    }

    public String group() {
      return clients.getFirst().group();
    }
  }

  private final Settings settings;
  private final Connection backChannel;
  private final Consumer<String> log;
  private final PageServer.Source page;
  private final ConsoleLog console;
  private final Object driverLock = new Object();
  private final AtomicBoolean finishing = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final java.util.concurrent.atomic.AtomicInteger answering =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile Chromium chromium;
  private volatile boolean pageStarted;
  private volatile String broken;
  private volatile List<ProcessHandle> processes = List.of();
  private volatile Path profile;

  public BrowserHost(Settings settings, Connection backChannel, Consumer<String> log) {
    this(settings, backChannel, log, PageServer.bundled());
  }

  /** With the page's files from {@code page} (tests serve broken pages). */
  BrowserHost(
      Settings settings, Connection backChannel, Consumer<String> log, PageServer.Source page) {
    this.settings = settings;
    this.backChannel = backChannel;
    this.log = log;
    this.page = page;
    this.console = new ConsoleLog(log);
  }

  /**
   * Runs until booty asks for the final reports or {@link #finish()} is called, then returns; when
   * the page cannot run, publishes BROKEN and throws {@link BootyException#broken}. Chromium is
   * gone when it returns or throws.
   */
  public void run() throws InterruptedException {
    Dispatcher d = backChannel.createDispatcher(this::onFinishRequest);
    d.subscribe(Subjects.clientFinish(settings.scenario()));
    DnsWatch dns = null;
    Instant started = Instant.now();
    try (PageServer server = PageServer.start(page)) {
      ClientConfig first = settings.clients().getFirst();
      if (first.bootstrap() == Bootstrap.DNS) {
        dns = DnsWatch.acquire(first.dnsName());
      }
      long t0 = System.nanoTime();
      try {
        chromium = Chromium.launch(settings.chromium(), settings.chromedriver(), log);
      } catch (IOException e) {
        fail("chromium did not start: " + e.getMessage());
      }
      if (chromium != null) {
        processes = chromium.processes();
        profile = chromium.profile();
        log.accept(
            "chromium "
                + chromium.browser().pid()
                + " up in "
                + (System.nanoTime() - t0) / 1_000_000
                + " ms, profile "
                + chromium.profile());
        load(server);
      }
      while (broken == null && !finished.await(EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
        look(dns, started);
      }
    } catch (IOException e) {
      fail("the page server did not start: " + e.getMessage());
    } finally {
      awaitAnswers();
      backChannel.closeDispatcher(d);
      Chromium c = chromium;
      if (c != null) {
        synchronized (driverLock) {
          drainConsole(c);
        }
      }
      String reason = broken;
      if (reason != null) {
        publishBroken(reason);
      }
      if (c != null) {
        c.close();
        processes = c.processes();
      }
      if (dns != null) {
        dns.release();
      }
      closed.countDown();
    }
    if (broken != null) {
      throw BootyException.broken("browser clients " + settings.process() + " broken: " + broken);
    }
  }

  /**
   * Stops every client's sending and waits for its messages in flight ({@code booty.quiet()}); they
   * go on receiving.
   */
  public void quiet() {
    call("quiet", "window.booty.quiet().then(() => done({}), e => done({error: String(e)}));");
  }

  /**
   * Stops every client and sends its final report ({@code booty.finish()}); then {@link #run()}
   * returns. Once: later calls wait for the first.
   */
  public void finish() {
    if (!finishing.compareAndSet(false, true)) {
      try {
        finished.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    try {
      Object n =
          call(
              "finish",
              "window.booty.finish().then(n => done({clients: n}), e => done({error: String(e)}));");
      if (n != null) {
        log.accept("sent the final reports of " + n + " client(s)");
      }
    } finally {
      finished.countDown();
    }
  }

  /**
   * Waits until {@link #run()} has closed Chromium; for a shutdown hook after {@link #finish()}.
   */
  public boolean awaitClosed(Duration within) throws InterruptedException {
    return closed.await(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The browser's processes (chromedriver, browser, children), as far as seen; for tests. */
  List<ProcessHandle> processes() {
    Chromium c = chromium;
    return c == null ? processes : c.processes();
  }

  /** The profile folder Chromium used; null before it started. */
  Path profile() {
    return profile;
  }

  /** The browser's main process, once it runs. */
  ProcessHandle browser() {
    Chromium c = chromium;
    return c == null ? null : c.browser();
  }

  /** A finish request being answered gets its reply out before the dispatcher closes. */
  private void awaitAnswers() {
    long deadline = System.nanoTime() + SCRIPT.toNanos();
    while (answering.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void onFinishRequest(Message m) {
    answering.incrementAndGet();
    try {
      answer(m);
    } finally {
      answering.decrementAndGet();
    }
  }

  private void answer(Message m) {
    String[] words = new String(m.getData(), StandardCharsets.UTF_8).strip().split(" ");
    if (!words[0].isEmpty() && !words[0].equals(settings.run())) {
      return; // another run's request
    }
    if (words.length > 1 && words[1].equals(ClientHost.QUIET)) {
      quiet();
    } else {
      finish();
    }
    if (m.getReplyTo() != null) {
      backChannel.publish(
          m.getReplyTo(),
          Json.MAPPER
              .createObjectNode()
              .put("run", settings.run())
              .put("clients", settings.clients().size())
              .toString()
              .getBytes(StandardCharsets.UTF_8));
      flush();
    }
  }

  /** Loads the page and hands it its configuration; the page starts its clients by itself. */
  private void load(PageServer server) {
    synchronized (driverLock) {
      ChromeDriver driver = chromium.driver();
      try {
        driver.manage().timeouts().scriptTimeout(SCRIPT);
        driver.get(server.index().toString());
        Object ready =
            driver.executeScript(
                "return typeof window.booty === 'object' && window.booty !== null"
                    + " && typeof window.booty.start === 'function'");
        if (!Boolean.TRUE.equals(ready)) {
          drainConsole(chromium);
          fail("page did not load: window.booty.start is missing (see the console)");
          return;
        }
        if (finishing.get()) {
          return; // asked to finish before it started: nothing to start
        }
        // the outcome of start() is kept beside the page's own state: a failed start is BROKEN
        // whatever the page's state() says
        driver.executeScript(START, PageConfig.of(settings).toString());
        pageStarted = true;
      } catch (WebDriverException e) {
        fail("page did not load: " + reasonOf(e));
      }
    }
  }

  /** One look at the page: its console, its processes, whether it still answers. */
  private void look(DnsWatch dns, Instant started) {
    synchronized (driverLock) {
      Chromium c = chromium;
      if (c == null || finished.getCount() == 0 || broken != null) {
        return;
      }
      drainConsole(c);
      c.refresh();
      if (!c.browser().isAlive()) {
        fail("chromium exited (pid " + c.browser().pid() + ")");
        return;
      }
      try {
        ChromeDriver driver = c.driver();
        if (dns != null) {
          driver.executeScript(
              "window.booty.dnsAnswers(JSON.parse(arguments[0]))",
              Json.MAPPER.writeValueAsString(dns.since(started)));
        }
        Object state = driver.executeScript(LOOK);
        if (state instanceof Map<?, ?> s
            && s.get("start") instanceof Map<?, ?> start
            && "failed".equals(start.get("state"))) {
          drainConsole(c);
          fail("booty.start failed: " + start.get("failure"));
        }
      } catch (WebDriverException e) {
        drainConsole(c);
        fail(reasonOf(e));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("DNS answers as JSON: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Calls {@code booty.NAME()} in the page and waits for its promise: the script calls {@code
   * done(result)}. The result's {@code clients}, or null.
   */
  private Object call(String name, String script) {
    synchronized (driverLock) {
      Chromium c = chromium;
      if (c == null || !pageStarted || broken != null) {
        return null;
      }
      try {
        Object r =
            c.driver()
                .executeAsyncScript("const done = arguments[arguments.length - 1];\n" + script);
        if (r instanceof Map<?, ?> m && m.get("error") != null) {
          log.accept("booty." + name + "() failed: " + m.get("error"));
          return null;
        }
        return r instanceof Map<?, ?> m ? m.get("clients") : null;
      } catch (WebDriverException e) {
        drainConsole(c);
        fail(reasonOf(e));
        return null;
      }
    }
  }

  /** Why a call into the page failed, as a BROKEN reason. */
  private String reasonOf(WebDriverException e) {
    Chromium c = chromium;
    if (c != null && !c.browser().isAlive()) {
      return "chromium exited (pid " + c.browser().pid() + ")";
    }
    String first = Chromium.firstLine(e);
    if (first.contains("tab crashed")) {
      return "tab crashed";
    }
    return "the page stopped answering: " + first;
  }

  private void drainConsole(Chromium c) {
    c.console().forEach(console::add);
  }

  /** Notes the first reason the page cannot run; run() publishes it and exits. */
  private void fail(String reason) {
    if (broken == null) {
      broken = reason;
      log.accept("broken: " + reason);
    }
  }

  private void publishBroken(String reason) {
    BrokenMessage msg =
        new BrokenMessage(
            settings.process(), settings.dc(), settings.group(), reason, console.latest());
    try {
      backChannel.publish(
          Subjects.clientReports(settings.scenario()),
          Json.MAPPER.writeValueAsBytes(msg.toJson(settings.run())));
    } catch (IOException | IllegalStateException e) {
      log.accept("cannot send the BROKEN message: " + e.getMessage());
    }
    flush();
  }

  private void flush() {
    try {
      backChannel.flush(Duration.ofSeconds(5));
    } catch (Exception e) {
      log.accept("the back channel did not flush: " + e.getMessage());
    }
  }
}

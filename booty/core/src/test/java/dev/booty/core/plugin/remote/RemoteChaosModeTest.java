package dev.booty.core.plugin.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.ChaosMode.FaultSpec;
import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.plugin.sdk.RecordingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executable plugins as real processes: {@link FakePlugin} started through {@link PluginProcess} in
 * each of its modes, called through {@link RemoteChaosMode}, and after each: its process group is
 * gone from /proc and its pid file removed.
 */
class RemoteChaosModeTest {
  @TempDir static Path root;
  static BootyHome home;
  static RemotePlugins remote;
  static final List<Long> groups = new ArrayList<>();

  @BeforeAll
  static void setUp() {
    home = new BootyHome(root);
    remote = new RemotePlugins(home);
  }

  @AfterAll
  static void tearDown() {
    remote.close();
    for (long pgid : groups) {
      ProcessGroup.kill(pgid);
    }
  }

  static RemoteChaosMode mode(String id, String fakeMode, Duration startTimeout) throws Exception {
    var spec = FakePlugin.spec(root.resolve("plugins").resolve(id), id, fakeMode, startTimeout);
    return new RemoteChaosMode(remote.plugin(spec, Duration.ofMinutes(1)), "fake");
  }

  static long started(RemoteChaosMode mode) {
    long pid = mode.plugin().process().pid();
    groups.add(pid);
    return pid;
  }

  static void assertGone(String id, long pgid) throws InterruptedException {
    for (int i = 0; i < 50 && !ProcessGroup.members(pgid).isEmpty(); i++) {
      Thread.sleep(100);
    }
    assertThat(ProcessGroup.members(pgid)).as("processes of group %d", pgid).isEmpty();
    try (var files = Files.list(home.pluginRuntime())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.endsWith(".pid") && n.startsWith(id + "-"));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void callsAWorkingPluginAndItsCallbacks() throws Exception {
    RemoteChaosMode mode = mode("fake-ok", "ok", Duration.ofSeconds(60));
    var context = new RecordingContext(root);
    long pid = started(mode);

    assertThat(mode.plugin().process().description().getExtensions(0).getId()).isEqualTo("fake");
    var fault = new FaultSpec(List.of("dallas"), Duration.ofSeconds(1), Map.of());
    Map<String, String> record = mode.prepare(fault, context);
    assertThat(record).containsEntry("targets", "dallas").containsEntry("rtt", "PT0.105S");
    assertThat(mode.takesOut(fault, context)).containsExactly("dallas");
    mode.inject(fault, record, context);
    mode.heal(record, context);
    assertThat(context.lines).containsExactly("fake in dallas", "fake healed dallas");

    // the plugin's refusal keeps its kind and text
    assertThatThrownBy(() -> mode.prepare(new FaultSpec(List.of("tokyo"), null, Map.of()), context))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("fake: target 'tokyo' is no data centre; known: london, dallas");
    // booty's refusal of a callback reaches the plugin and comes back the same
    assertThatThrownBy(
            () ->
                mode.inject(
                    new FaultSpec(List.of("dallas"), null, Map.of("then", "refuse")),
                    record,
                    context))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("no data centre 'nowhere' runs servers");

    assertThat(Files.readString(home.pluginLog("fake-ok")))
        .contains("[pid " + pid + "] fake plugin starting in mode ok");
    mode.plugin().close();
    assertGone("fake-ok", pid);
  }

  @Test
  void interruptingBootysThreadInterruptsTheModeInThePlugin() throws Exception {
    RemoteChaosMode mode = mode("fake-wait", "ok", Duration.ofSeconds(60));
    var context = new RecordingContext(root);
    started(mode);
    var fault = new FaultSpec(List.of("london"), null, Map.of("then", "wait"));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    mode.inject(fault, Map.of("targets", "london"), context);
                  } catch (Throwable e) {
                    thrown.set(e);
                  }
                });
    // a cold plugin JVM's first call (TLS handshakes both ways) took over 5 s on a busy CI machine;
    // interrupting before the call reached the plugin would test nothing
    for (int i = 0; i < 600 && !context.lines.contains("fake in london"); i++) {
      Thread.sleep(50);
    }
    assertThat(context.lines)
        .as("the plugin's progress before the interrupt")
        .contains("fake in london");
    caller.interrupt();
    caller.join(10_000);

    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    // the call's token died with the call, so the plugin says it on stderr (its log)
    Path log = home.pluginLog("fake-wait");
    for (int i = 0; i < 300 && !Files.readString(log).contains("fake interrupted"); i++) {
      Thread.sleep(50);
    }
    assertThat(Files.readString(log)).contains("fake interrupted");
    mode.plugin().close();
  }

  @Test
  void aPluginThatExitsBeforeItsHandshakeIsNamedWithItsStderr() throws Exception {
    RemoteChaosMode mode = mode("fake-exit", "exit-early", Duration.ofSeconds(60));
    assertThatThrownBy(() -> mode.prepare(fault(), new RecordingContext(root)))
        .isInstanceOf(BootyException.class)
        .hasMessageContaining(
            "plugin fake-exit did not start: its command exited with exit 1 before its handshake ("
                + root.resolve("plugins/fake-exit/plugin.yaml")
                + ": command)")
        .hasMessageContaining("its last stderr lines:")
        .hasMessageContaining("cannot read my settings: /nowhere/settings.yaml");
  }

  @Test
  void aPluginOfAnotherProtocolIsRefused() throws Exception {
    RemoteChaosMode mode = mode("fake-v2", "wrong-protocol", Duration.ofSeconds(60));
    assertThatThrownBy(() -> mode.prepare(fault(), new RecordingContext(root)))
        .hasMessageContaining(
            "plugin fake-v2 speaks plugin protocol 2 (handshake 1); this booty speaks 1");
  }

  @Test
  void aPluginWithoutHandshakeInTimeIsKilled() throws Exception {
    RemoteChaosMode mode = mode("fake-slow", "slow-start", Duration.ofSeconds(8));
    assertThatThrownBy(() -> mode.prepare(fault(), new RecordingContext(root)))
        .hasMessageContaining(
            "plugin fake-slow printed no handshake line within 8s (plugin.yaml: timeouts.start)")
        .hasMessageContaining("fake plugin starting in mode slow-start");
    // its failure stays: the next call fails at once with the same reason
    assertThatThrownBy(() -> mode.prepare(fault(), new RecordingContext(root)))
        .hasMessageContaining("printed no handshake line within 8s");
  }

  @Test
  void aGarbageHandshakeLineIsQuoted() throws Exception {
    RemoteChaosMode mode = mode("fake-garbage", "garbage-line", Duration.ofSeconds(60));
    assertThatThrownBy(() -> mode.prepare(fault(), new RecordingContext(root)))
        .hasMessageContaining(
            "plugin fake-garbage's first stdout line is not CORE|APP|tcp|ADDRESS|grpc|CERT: 'hello'");
  }

  @Test
  void aCrashMidCallIsNamedOthersCarryOnAndHealRestartsIt() throws Exception {
    RemoteChaosMode crashing = mode("fake-crash", "ok", Duration.ofSeconds(60));
    RemoteChaosMode other = mode("fake-other", "ok", Duration.ofSeconds(60));
    var context = new RecordingContext(root);
    long pid = started(crashing);
    started(other);

    var fault = new FaultSpec(List.of("london"), null, Map.of("then", "crash"));
    assertThatThrownBy(() -> crashing.inject(fault, Map.of("targets", "london"), context))
        .isInstanceOf(BootyException.class)
        .hasMessageContaining(
            "plugin fake-crash ended (exit 137: killed by SIGKILL) while ChaosMode 'fake' Inject was running; its last stderr lines:")
        .hasMessageContaining("about to be killed in inject");
    assertGone("fake-crash", pid);
    assertThatThrownBy(() -> crashing.prepare(fault(), context))
        .hasMessageContaining("plugin fake-crash ended (exit 137");

    assertThat(other.prepare(fault(), context)).containsEntry("targets", "london");

    crashing.heal(Map.of("targets", "london"), context);
    assertThat(context.lines)
        .contains("plugin fake-crash restarted to heal 'fake'", "fake healed london");
    groups.add(crashing.plugin().process().pid());
  }

  @Test
  void closingKillsWhatThePluginLeftBehind() throws Exception {
    RemoteChaosMode mode = mode("fake-child", "child-left", Duration.ofSeconds(60));
    long pid = started(mode);
    assertThat(ProcessGroup.members(pid)).hasSizeGreaterThanOrEqualTo(2);
    mode.plugin().close();
    assertGone("fake-child", pid);
  }

  @Test
  void aPluginAnsweringSomethingElseIsNamedAndOthersCarryOn() throws Exception {
    RemoteChaosMode garbage = mode("fake-junk", "garbage-answer", Duration.ofSeconds(60));
    RemoteChaosMode other = mode("fake-beside", "ok", Duration.ofSeconds(60));
    var context = new RecordingContext(root);
    started(other);

    assertThatThrownBy(() -> garbage.prepare(fault(), context))
        .isInstanceOf(BootyException.class)
        .hasMessageStartingWith(
            "plugin fake-junk answered something that is not its protocol at 127.0.0.1:")
        .hasMessageContaining(
            ": no TLS record came back, its first bytes were '220 not a plugin here\\x0d\\x0a'")
        .hasMessageContaining(
            "its last stderr lines:\n  fake plugin starting in mode garbage-answer")
        .hasMessageContaining("answering garbage on port")
        .hasMessageNotContaining("\tat ")
        .hasMessageNotContaining("Channel Pipeline");
    assertThat(other.prepare(fault(), context)).containsEntry("targets", "london");
    // the failed start left nothing running: its log names its pid, the group it led
    var pid =
        java.util.regex.Pattern.compile("\\[pid (\\d+)\\] fake plugin starting")
            .matcher(Files.readString(home.pluginLog("fake-junk")));
    assertThat(pid.find()).as("the fake's pid in its log").isTrue();
    assertGone("fake-junk", Long.parseLong(pid.group(1)));
  }

  @Test
  void eachStartHasItsOwnShortLivedLeavesOnBothSides() throws Exception {
    RemoteChaosMode mode = mode("fake-certs", "ok", Duration.ofSeconds(60));
    var first = mode.plugin().process().certificates();
    groups.add(mode.plugin().process().pid());
    mode.plugin().close();
    var second = mode.plugin().process().certificates();
    groups.add(mode.plugin().process().pid());
    // the second start answers through its own leaves
    assertThat(mode.prepare(fault(), new RecordingContext(root)))
        .containsEntry("targets", "london");
    mode.plugin().close();

    assertThat(second.plugin().getSerialNumber())
        .as("the plugin's leaf of two starts")
        .isNotEqualTo(first.plugin().getSerialNumber());
    assertThat(second.booty().getSerialNumber())
        .as("booty's client leaf of two starts")
        .isNotEqualTo(first.booty().getSerialNumber());
    assertThat(first.plugin().getSubjectX500Principal().getName()).contains("CN=fake-certs");
    assertThat(first.booty().getSubjectX500Principal().getName()).contains("CN=booty");
    for (var leaf : List.of(first.plugin(), first.booty(), second.plugin(), second.booty())) {
      assertThat(leaf.getNotAfter().getTime() - System.currentTimeMillis())
          .as("validity left of %s", leaf.getSubjectX500Principal())
          .isBetween(
              PluginTls.LEAF_VALIDITY.minusMinutes(10).toMillis(),
              PluginTls.LEAF_VALIDITY.toMillis());
    }
    // the Host server's leaf (one per booty process) outlives a long soak, not a year
    var host = PluginTls.certificate(remote.tls().bootyCertificate());
    assertThat(host.getNotAfter().getTime() - System.currentTimeMillis())
        .isBetween(
            PluginTls.HOST_LEAF_VALIDITY.minusMinutes(10).toMillis(),
            PluginTls.HOST_LEAF_VALIDITY.toMillis());
    // a start whose leaves end within the hour is renewed before its next call; not before
    assertThat(ExecPlugin.dueForRenewal(second.plugin(), java.time.Instant.now())).isFalse();
    assertThat(
            ExecPlugin.dueForRenewal(
                second.plugin(), second.plugin().getNotAfter().toInstant().minusSeconds(1800)))
        .isTrue();
    // no key of either start is left on disk
    try (var files = Files.list(home.pluginRuntime())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith("fake-certs-"));
    }
  }

  private static FaultSpec fault() {
    return new FaultSpec(List.of("london"), null, Map.of());
  }
}

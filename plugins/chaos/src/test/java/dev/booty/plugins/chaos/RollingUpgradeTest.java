package dev.booty.plugins.chaos;

import static dev.booty.plugins.chaos.Calls.servers;
import static dev.booty.plugins.chaos.Calls.upgrade;
import static dev.booty.plugins.chaos.Calls.version;
import static dev.booty.plugins.chaos.FakeChaosContext.NEW;
import static dev.booty.plugins.chaos.FakeChaosContext.OLD;
import static dev.booty.plugins.chaos.FakeChaosContext.persisted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.ChaosContext.Server;
import dev.booty.api.ChaosContext.Site;
import dev.booty.api.ChaosMode.FaultSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RollingUpgradeTest {
  private final FakeChaosContext ctx = new FakeChaosContext();
  private final RollingUpgrade mode = new RollingUpgrade();

  @AfterEach
  void clearInterruption() {
    Thread.interrupted();
  }

  private static FaultSpec step(List<String> targets, Map<String, String> options) {
    return new FaultSpec(targets, null, options);
  }

  private void run(FaultSpec fault) throws InterruptedException {
    mode.inject(fault, mode.prepare(fault, ctx), ctx);
  }

  /** Each server's upgrade, then its version read. */
  private static List<String> upgradesOf(String... servers) {
    List<String> calls = new ArrayList<>();
    for (String s : servers) {
      calls.add(upgrade(s, NEW));
      calls.add(version(s));
    }
    return calls;
  }

  @Test
  void recordNamesEveryDataCentreWhenNoneIsTargeted() {
    Map<String, String> record = mode.prepare(step(List.of(), Map.of("to", NEW)), ctx);

    assertThat(record)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "to", NEW,
                "strategy", "server-per-dc",
                "dataCenters", "london,amsterdam,dallas"));
    assertThat(ctx.calls).isEmpty();
  }

  @Test
  void serverPerDcUpgradesTheKthServerOfEveryDataCentreAtOnceRoundByRound() throws Exception {
    // three upgrades must be under way together to pass the barrier: sequential ones time out
    CyclicBarrier together = new CyclicBarrier(3);
    ctx.onUpgrade =
        server -> {
          try {
            together.await(10, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new IllegalStateException("upgrade of " + server + " ran alone", e);
          }
        };

    run(step(List.of(), Map.of("to", NEW)));

    assertThat(ctx.calls).hasSize(18);
    assertThat(ctx.calls.subList(0, 6))
        .containsExactlyInAnyOrderElementsOf(upgradesOf("lon-1", "ams-1", "dal-1"));
    assertThat(ctx.calls.subList(6, 12))
        .containsExactlyInAnyOrderElementsOf(upgradesOf("lon-2", "ams-2", "dal-2"));
    assertThat(ctx.calls.subList(12, 18))
        .containsExactlyInAnyOrderElementsOf(upgradesOf("lon-3", "ams-3", "dal-3"));
    for (String s : ctx.versions.keySet()) {
      assertThat(ctx.calls.indexOf(upgrade(s, NEW))).isLessThan(ctx.calls.indexOf(version(s)));
    }
    assertThat(ctx.versions).allSatisfy((server, v) -> assertThat(v).isEqualTo(NEW));
    // a line per server, counted in the order they finish, each round's three together
    assertThat(ctx.progress).hasSize(9);
    for (int i = 0; i < 9; i++) {
      assertThat(ctx.progress.get(i))
          .startsWith("rolling-upgrade: ")
          .endsWith(" runs 2.11.17 (" + (i + 1) + "/9)");
    }
    assertThat(ctx.progress.subList(3, 6))
        .map(line -> line.split(" ")[1])
        .containsExactlyInAnyOrder("lon-2", "ams-2", "dal-2");
  }

  @Test
  void dcAtATimeFinishesOneDataCentreBeforeTheNext() throws Exception {
    run(step(List.of("dallas", "london"), Map.of("to", NEW, "strategy", "dc-at-a-time")));

    assertThat(ctx.calls)
        .isEqualTo(upgradesOf("dal-1", "dal-2", "dal-3", "lon-1", "lon-2", "lon-3"));
    assertThat(ctx.versions).containsEntry("ams-1", OLD);
    assertThat(ctx.progress)
        .containsExactly(
            "rolling-upgrade: dal-1 runs 2.11.17 (1/6)",
            "rolling-upgrade: dal-2 runs 2.11.17 (2/6)",
            "rolling-upgrade: dal-3 runs 2.11.17 (3/6)",
            "rolling-upgrade: lon-1 runs 2.11.17 (4/6)",
            "rolling-upgrade: lon-2 runs 2.11.17 (5/6)",
            "rolling-upgrade: lon-3 runs 2.11.17 (6/6)");
  }

  @Test
  void serverAtATimeTakesTheDataCentresInTurn() throws Exception {
    run(step(List.of(), Map.of("to", NEW, "strategy", "server-at-a-time")));

    assertThat(ctx.calls)
        .isEqualTo(
            upgradesOf(
                "lon-1", "ams-1", "dal-1", "lon-2", "ams-2", "dal-2", "lon-3", "ams-3", "dal-3"));
  }

  @Test
  void aServerStillOnTheOldVersionStopsTheUpgradeNamingItAndBothVersions() {
    ctx.stuck.add("ams-2");
    FaultSpec fault = step(List.of(), Map.of("to", NEW, "strategy", "dc-at-a-time"));

    assertThatThrownBy(() -> run(fault))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("server ams-2 reports version 2.10.27 after its upgrade, expected 2.11.17");
    assertThat(ctx.calls).last().isEqualTo(version("ams-2"));
    assertThat(ctx.calls).doesNotContain(upgrade("ams-3", NEW));
  }

  @Test
  void aFailedRoundStopsServerPerDcBeforeTheNextRound() {
    ctx.stuck.add("dal-1");

    assertThatThrownBy(() -> run(step(List.of(), Map.of("to", NEW))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("server dal-1 reports version 2.10.27 after its upgrade, expected 2.11.17");
    assertThat(ctx.calls)
        .containsExactlyInAnyOrderElementsOf(upgradesOf("lon-1", "ams-1", "dal-1"));
  }

  @Test
  void interruptionStopsBetweenServers() {
    ctx.onUpgrade =
        server -> {
          if (server.equals("lon-2")) {
            Thread.currentThread().interrupt();
          }
        };

    assertThatThrownBy(
            () -> run(step(List.of("london"), Map.of("to", NEW, "strategy", "dc-at-a-time"))))
        .isInstanceOf(InterruptedException.class);
    assertThat(ctx.calls).isEqualTo(upgradesOf("lon-1", "lon-2"));
  }

  @Test
  void interruptionDuringARoundStopsServerPerDcBeforeTheNextRound() {
    Thread injecting = Thread.currentThread();
    ctx.onUpgrade =
        server -> {
          if (server.equals("ams-1")) {
            injecting.interrupt();
          }
        };

    assertThatThrownBy(() -> run(step(List.of(), Map.of("to", NEW))))
        .isInstanceOf(InterruptedException.class);
    assertThat(ctx.calls).doesNotContain(upgrade("lon-2", NEW), upgrade("ams-2", NEW));
  }

  @Test
  void healRunsEveryTargetedDataCentresJobFromTheRecordAlone() {
    Map<String, String> record =
        persisted(mode.prepare(step(List.of("amsterdam", "dallas"), Map.of("to", NEW)), ctx));
    FakeChaosContext other = new FakeChaosContext();

    new RollingUpgrade().heal(record, other);
    new RollingUpgrade().heal(record, other);

    assertThat(other.calls)
        .containsExactly(
            servers("amsterdam", true),
            servers("dallas", true),
            servers("amsterdam", true),
            servers("dallas", true));
  }

  @Test
  void roundsFollowDataCentresOfDifferentSizes() {
    List<Site> sites =
        List.of(
            new Site("a", List.of(new Server("a-1", "a", "h"), new Server("a-2", "a", "h"))),
            new Site("b", List.of(new Server("b-1", "b", "h"))),
            new Site(
                "c",
                List.of(
                    new Server("c-1", "c", "h"),
                    new Server("c-2", "c", "h"),
                    new Server("c-3", "c", "h"))));

    assertThat(RollingUpgrade.rounds(sites))
        .map(round -> round.stream().map(Server::name).toList())
        .containsExactly(List.of("a-1", "b-1", "c-1"), List.of("a-2", "c-2"), List.of("c-3"));
  }

  @Test
  void refusesAVersionThatIsNotInstalledAndBadOptions() {
    assertThatThrownBy(() -> mode.prepare(step(List.of(), Map.of("to", "2.12.0")), ctx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "option 'to': nats-server 2.12.0 is not installed (installed: 2.10.27, 2.11.17)");
    assertThatThrownBy(() -> mode.prepare(step(List.of(), Map.of()), ctx))
        .hasMessage("option 'to' is required (the nats-server version to upgrade to)");
    assertThatThrownBy(
            () -> mode.prepare(step(List.of(), Map.of("to", NEW, "strategy", "all-at-once")), ctx))
        .hasMessage(
            "option 'strategy': 'all-at-once' is not one of server-per-dc, dc-at-a-time,"
                + " server-at-a-time");
    assertThatThrownBy(() -> mode.prepare(step(List.of("lon-1"), Map.of("to", NEW)), ctx))
        .hasMessage("unknown data centre 'lon-1' (known: london, amsterdam, dallas)");
    assertThat(ctx.calls).isEmpty();
  }
}

package dev.booty.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.core.BootyException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {
  @Test
  void untilChecksAgainUntilItHolds() {
    AtomicInteger checks = new AtomicInteger();
    boolean held =
        Poll.until(
            Duration.ofSeconds(5), Duration.ofMillis(1), () -> checks.incrementAndGet() == 3);
    assertThat(held).isTrue();
    assertThat(checks).hasValue(3);
  }

  @Test
  void untilGivesUpAfterTheTimeoutHavingCheckedAtLeastOnce() {
    AtomicInteger checks = new AtomicInteger();
    boolean held =
        Poll.until(
            Duration.ofMillis(30),
            Duration.ofMillis(5),
            () -> {
              checks.incrementAndGet();
              return false;
            });
    assertThat(held).isFalse();
    assertThat(checks.get()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void anInterruptedPauseFailsAndKeepsTheFlag() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> Poll.pause(Duration.ofSeconds(5)))
          .isInstanceOf(BootyException.class)
          .hasMessage("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void anInterruptedSleepSaysSo() {
    Thread.currentThread().interrupt();
    try {
      assertThat(Poll.sleep(Duration.ofSeconds(5))).isFalse();
    } finally {
      Thread.interrupted();
    }
  }
}

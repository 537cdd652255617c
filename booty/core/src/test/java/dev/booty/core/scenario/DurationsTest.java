package dev.booty.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void readsGoStyleDurations() {
    assertThat(Durations.parse("8ms")).isEqualTo(Duration.ofMillis(8));
    assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("0")).isZero();
    assertThat(Durations.parse("-5s")).isEqualTo(Duration.ofSeconds(-5));
  }

  @Test
  void refusesWhatIsNotADuration() {
    for (String bad : new String[] {"8", "5 s", "1d", "s", "1.s", "", "ms8"}) {
      assertThatThrownBy(() -> Durations.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected a duration like 8ms, 1.5s");
    }
  }

  @Test
  void formatsWhatItReadsBack() {
    for (String d :
        new String[] {"8ms", "105ms", "1.5s", "30s", "2m", "1h", "1m30s", "0", "0.25ms"}) {
      assertThat(Durations.format(Durations.parse(d))).isEqualTo(d);
    }
    assertThat(Durations.format(Duration.ofMillis(90_000))).isEqualTo("1m30s");
  }
}

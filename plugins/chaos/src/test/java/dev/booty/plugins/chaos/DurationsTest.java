package dev.booty.plugins.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void readsTheScenarioFileForms() {
    assertThat(Durations.parse("d", "500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("d", "5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(Durations.parse("d", "1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("d", "2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("d", "1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("d", " 1m30s ")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("d", "0")).isEqualTo(Duration.ZERO);
  }

  @Test
  void errorsNameTheOptionAndTheValue() {
    assertThatThrownBy(() -> Durations.parse("down", "-5s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("option 'down': '-5s' is not a duration (e.g. 500ms, 5s, 1.5s, 2m or 1m30s)");
    assertThatThrownBy(() -> Durations.parse("up", "5 s"))
        .hasMessageStartingWith("option 'up': '5 s' is not a duration");
    assertThatThrownBy(() -> Durations.parse("up", "99999999999h"))
        .hasMessage("option 'up': '99999999999h' is too long a duration");
  }

  @Test
  void formatsWhatItReadsBack() {
    for (String text : new String[] {"0", "300ms", "1.5ms", "5s", "1.5s", "2m", "1m30s", "2h5s"}) {
      assertThat(Durations.format(Durations.parse("d", text))).isEqualTo(text);
    }
  }
}

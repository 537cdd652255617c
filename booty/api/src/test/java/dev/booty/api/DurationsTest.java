package dev.booty.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void readsGoStyleDurations() {
    assertThat(Durations.parse("8ms")).isEqualTo(Duration.ofMillis(8));
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse(" 1m30s ")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("2h5s")).isEqualTo(Duration.ofSeconds(7205));
    assertThat(Durations.parse("0")).isZero();
  }

  @Test
  void readsASignWhenAskedTo() {
    assertThat(Durations.parseSigned("-5s")).isEqualTo(Duration.ofSeconds(-5));
    assertThat(Durations.parseSigned("+5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(Durations.parseSigned("-0")).isZero();
  }

  @Test
  void errorsNameTheTextAndWhatWasExpected() {
    for (String bad : new String[] {"8", "5 s", "1d", "s", "1.s", "", "ms8", "soon", "300"}) {
      assertThatThrownBy(() -> Durations.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("'" + bad + "' is not a duration (e.g. 500ms, 5s, 1.5s, 2m or 1m30s)");
    }
    assertThatThrownBy(() -> Durations.parse("-5s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'-5s' is not a duration (e.g. 500ms, 5s, 1.5s, 2m or 1m30s)");
    assertThatThrownBy(() -> Durations.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a duration");
    assertThatThrownBy(() -> Durations.parse("99999999999h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'99999999999h' is too long a duration");
  }

  @Test
  void formatsWhatItReadsBack() {
    for (String d :
        new String[] {
          "8ms", "105ms", "300ms", "1.5ms", "1.5s", "5s", "30s", "2m", "1h", "1m30s", "2h5s", "0",
          "0.25ms"
        }) {
      assertThat(Durations.format(Durations.parse(d))).isEqualTo(d);
    }
    assertThat(Durations.format(Duration.ofMillis(90_000))).isEqualTo("1m30s");
    assertThat(Durations.format(Duration.ofSeconds(-5))).isEqualTo("-5s");
  }
}

package dev.booty.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.client.ClientReport.LatencyInterval;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyIntervalsTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void groupsRoundTripsByTheSecondTheyCompletedIn() throws Exception {
    LatencyIntervals li = new LatencyIntervals(10);
    long t = 1_700_000_000L * SECOND;
    li.record(t + 100, 1000);
    li.record(t + SECOND - 1, 3000);
    li.record(t + SECOND, 50_000);
    List<LatencyInterval> s = li.snapshot();
    assertThat(s)
        .extracting(LatencyInterval::second)
        .containsExactly(1_700_000_000L, 1_700_000_001L);
    assertThat(s).extracting(LatencyInterval::count).containsExactly(2L, 1L);
    Histogram first = decode(s.get(0).histogram());
    assertThat(first.getTotalCount()).isEqualTo(2);
    assertThat(first.getMaxValue()).isBetween(2970L, 3030L);
    assertThat(decode(s.get(1).histogram()).getMinValue()).isBetween(49_500L, 50_500L);
  }

  @Test
  void quietSecondsInBetweenCountZeroAndOnlyTheNewestAreKept() throws Exception {
    LatencyIntervals li = new LatencyIntervals(5);
    long t = 1_700_000_000L * SECOND;
    li.record(t, 10);
    li.record(t + 3 * SECOND, 20);
    assertThat(li.snapshot()).extracting(LatencyInterval::count).containsExactly(1L, 0L, 0L, 1L);
    assertThat(decode(li.snapshot().get(1).histogram()).getTotalCount()).isZero();
    li.record(t + 100 * SECOND, 30);
    List<LatencyInterval> s = li.snapshot();
    assertThat(s).hasSize(5);
    assertThat(s)
        .extracting(LatencyInterval::second)
        .containsExactly(
            1_700_000_096L, 1_700_000_097L, 1_700_000_098L, 1_700_000_099L, 1_700_000_100L);
    assertThat(s.get(4).count()).isEqualTo(1);
  }

  private static Histogram decode(String base64) throws DataFormatException {
    return Histogram.decodeFromCompressedByteBuffer(
        ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
  }
}

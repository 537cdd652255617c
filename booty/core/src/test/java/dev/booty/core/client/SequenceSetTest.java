package dev.booty.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SequenceSetTest {
  @Test
  void formatsRunsAsRangesAndSinglesAsNumbers() {
    SequenceSet s = new SequenceSet();
    for (long i = 1; i <= 50; i++) {
      s.add(i);
    }
    s.add(52);
    for (long i = 54; i <= 60; i++) {
      s.add(i);
    }
    assertThat(s.format()).isEqualTo("1-50,52,54-60");
    assertThat(s.size()).isEqualTo(58);
    assertThat(new SequenceSet().format()).isEmpty();
  }

  @Test
  void parseIsTheInverseOfFormat() {
    SequenceSet s = SequenceSet.parse("1-50,52,54-60");
    assertThat(s.size()).isEqualTo(58);
    assertThat(s.contains(51)).isFalse();
    assertThat(s.contains(52)).isTrue();
    assertThat(s.contains(60)).isTrue();
    assertThat(s.contains(61)).isFalse();
    assertThat(s.format()).isEqualTo("1-50,52,54-60");
    assertThat(SequenceSet.parse("").isEmpty()).isTrue();
    assertThat(SequenceSet.parse(" 3 , 1-2 ").format()).isEqualTo("1-3");
  }

  @Test
  void addTellsADuplicateAndMergesNeighbours() {
    SequenceSet s = new SequenceSet();
    assertThat(s.add(5)).isTrue();
    assertThat(s.add(3)).isTrue();
    assertThat(s.add(5)).isFalse();
    assertThat(s.add(4)).isTrue();
    assertThat(s.format()).isEqualTo("3-5");
    assertThat(s.add(1)).isTrue();
    assertThat(s.format()).isEqualTo("1,3-5");
    assertThat(s.add(2)).isTrue();
    assertThat(s.format()).isEqualTo("1-5");
    assertThat(s.size()).isEqualTo(5);
  }

  @Test
  void unionMergesOverlappingAndAdjacentRanges() {
    SequenceSet a = SequenceSet.parse("1-10,20-30,40");
    SequenceSet b = SequenceSet.parse("5-12,13,31-35,38-39,50");
    SequenceSet u = a.union(b);
    assertThat(u.format()).isEqualTo("1-13,20-35,38-40,50");
    assertThat(u.size()).isEqualTo(13 + 16 + 3 + 1);
    // the operands are untouched
    assertThat(a.format()).isEqualTo("1-10,20-30,40");
    assertThat(b.format()).isEqualTo("5-13,31-35,38-39,50");
  }

  @Test
  void minusAndCountBetweenGiveWhatIsMissing() {
    SequenceSet expected = SequenceSet.parse("1-100");
    SequenceSet received = SequenceSet.parse("1-40,42-97,100");
    assertThat(expected.minus(received).format()).isEqualTo("41,98-99");
    assertThat(received.minus(expected).isEmpty()).isTrue();
    assertThat(received.countBetween(1, 50)).isEqualTo(49);
    assertThat(received.countBetween(98, 99)).isZero();
    assertThat(SequenceSet.parse("5-9").minus(SequenceSet.parse("1-2,6,8,20")).format())
        .isEqualTo("5,7,9");
  }

  @Test
  void agreesWithATreeSetOnRandomInput() {
    Random random = new Random(42);
    SequenceSet s = new SequenceSet();
    SequenceSet other = new SequenceSet();
    TreeSet<Long> ref = new TreeSet<>();
    TreeSet<Long> otherRef = new TreeSet<>();
    for (int i = 0; i < 5000; i++) {
      long n = 1 + random.nextInt(2000);
      assertThat(s.add(n)).isEqualTo(ref.add(n));
      long m = 1 + random.nextInt(2000);
      other.add(m);
      otherRef.add(m);
    }
    assertThat(s.size()).isEqualTo(ref.size());
    assertThat(SequenceSet.parse(s.format())).isEqualTo(s);
    TreeSet<Long> union = new TreeSet<>(ref);
    union.addAll(otherRef);
    assertThat(s.union(other).size()).isEqualTo(union.size());
    TreeSet<Long> diff = new TreeSet<>(ref);
    diff.removeAll(otherRef);
    SequenceSet minus = s.minus(other);
    assertThat(minus.size()).isEqualTo(diff.size());
    for (long n : diff) {
      assertThat(minus.contains(n)).isTrue();
    }
    assertThat(s.countBetween(500, 1500)).isEqualTo(ref.subSet(500L, true, 1500L, true).size());
  }

  @Test
  void refusesWhatIsNotARange() {
    assertThatThrownBy(() -> SequenceSet.parse("1-5,x"))
        .hasMessage("sequence ranges '1-5,x': 'x' is not N or N-M");
    assertThatThrownBy(() -> SequenceSet.parse("7-3"))
        .hasMessage("sequence ranges '7-3': '7-3' is not N or N-M with 1 <= N <= M");
    assertThatThrownBy(() -> new SequenceSet().add(0))
        .hasMessage("sequence 0: expected at least 1");
  }
}

package io.modelmap.cli.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.testsupport.time.SteppedClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Time left from a smoothed rate, on a clock that moves only when told to. */
class SmoothedRateTest {
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-07T10:00:00Z"));

  @Test
  void shouldTakeTheFirstRateAsItIs() {
    SmoothedRate rate = new SmoothedRate(clock);
    rate.observe(0);
    clock.advance(Duration.ofSeconds(10));
    rate.observe(100);

    // 100 in 10 s = 10/s; 900 left → 90 s
    assertThat(rate.timeLeft(1000)).contains(Duration.ofSeconds(90));
  }

  @Test
  void shouldWeighANewBurstByTheTimeItTookAgainstTheRateSoFar() {
    SmoothedRate rate = new SmoothedRate(clock);
    rate.observe(0);
    clock.advance(Duration.ofSeconds(10));
    rate.observe(100); // 10/s
    clock.advance(Duration.ofSeconds(30));
    rate.observe(200); // 100 in 30 s = 3.333/s, weight 1 − e^(−30/30) = 0.63212

    // rate = 0.63212 × 3.3333 + 0.36788 × 10 = 5.7858/s; 800 left → 138.27 s
    double expected = 800 / ((1 - Math.exp(-1)) * (100 / 30.0) + Math.exp(-1) * 10);
    assertThat(rate.timeLeft(1000).orElseThrow().toMillis() / 1000.0).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.01));
    assertThat(expected).isCloseTo(138.27, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void shouldHoldTheTimeLeftWhileNothingMovesAndSayStalledAfterThirtySeconds() {
    SmoothedRate rate = new SmoothedRate(clock);
    rate.observe(0);
    clock.advance(Duration.ofSeconds(10));
    rate.observe(100);
    clock.advance(Duration.ofSeconds(29));
    rate.observe(100);

    assertThat(rate.timeLeft(1000)).as("no growing estimate during a pause").contains(Duration.ofSeconds(90));
    assertThat(rate.stalled()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(rate.stalled()).isTrue();
    assertThat(rate.still()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void shouldKnowNoTimeLeftBeforeTheCountFirstMoved() {
    SmoothedRate rate = new SmoothedRate(clock);
    rate.observe(500);
    clock.advance(Duration.ofSeconds(5));
    rate.observe(500);

    assertThat(rate.timeLeft(1000)).isEmpty();
  }

  @Test
  void shouldWriteDurationsAsAPersonReadsThem() {
    assertThat(SmoothedRate.readable(Duration.ofSeconds(45))).isEqualTo("45 s");
    assertThat(SmoothedRate.readable(Duration.ofSeconds(119))).isEqualTo("119 s");
    assertThat(SmoothedRate.readable(Duration.ofSeconds(750))).isEqualTo("13 min");
    assertThat(SmoothedRate.readable(Duration.ofSeconds(7500))).isEqualTo("2 h 5 min");
  }
}

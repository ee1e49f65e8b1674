package io.modelmap.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.testsupport.time.SteppedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The progress line tells time left while texts are scored, and, while none are, what the local scorer is busy
 * with or "stalled" (for how long) when it is busy with nothing.
 */
class ScoringPaceTest {
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final AtomicLong tokens = new AtomicLong();

  @Test
  void shouldTellTimeLeftAtTheRateSoFarWhileTextsAreScored() {
    ScoringPace pace = new ScoringPace(clock, tokens::get);
    pace.describe(0, 1000);
    clock.advance(Duration.ofSeconds(10));
    tokens.set(12_700);

    assertThat(pace.describe(100, 1000)).isEqualTo("; 1,270 tokens/s, about 90 s left");
  }

  @Test
  void shouldSayStalledWithHowLongNothingMovedInsteadOfAGrowingEta() {
    ScoringPace pace = new ScoringPace(clock, tokens::get);
    pace.describe(0, 1000);
    clock.advance(Duration.ofSeconds(10));
    tokens.set(12_700);
    pace.describe(100, 1000);
    clock.advance(Duration.ofSeconds(10));
    assertThat(pace.describe(200, 1000)).endsWith("about 80 s left");

    clock.advance(Duration.ofSeconds(ScoringPace.STALLED_AFTER.toSeconds() - 1));
    assertThat(pace.describe(200, 1000)).as("a pause shorter than the threshold").contains("left")
        .doesNotContain("stalled");
    clock.advance(Duration.ofSeconds(31));
    String stalled = pace.describe(200, 1000);

    assertThat(stalled).contains("stalled: nothing scored for 60 s").doesNotContain("left");
    clock.advance(Duration.ofSeconds(5));
    tokens.addAndGet(2540);
    assertThat(pace.describe(220, 1000)).as("moving again").doesNotContain("stalled").contains("left");
  }

  @Test
  void shouldRateOnlyTheTextsScoredDuringThisWait() {
    ScoringPace pace = new ScoringPace(clock, tokens::get);
    pace.describe(500, 1000); // scored before a restart
    clock.advance(Duration.ofSeconds(10));
    tokens.set(6_350);

    assertThat(pace.describe(550, 1000)).endsWith("about 90 s left");
  }

  @Test
  void shouldSayWhatTheScorerIsBusyWithWhileNoTextMovesAndStalledOnlyWhenItIsIdle() {
    AtomicReference<Optional<String>> work = new AtomicReference<>(Optional.empty());
    ScoringPace pace = new ScoringPace(clock, tokens::get, work::get);
    pace.describe(0, 1000);
    clock.advance(Duration.ofSeconds(10));
    tokens.set(12_700);
    pace.describe(100, 1000);
    work.set(Optional.of("answering items of acme/m-a"));
    clock.advance(ScoringPace.STALLED_AFTER.plusSeconds(30)); // 60 s without a text scored

    assertThat(pace.describe(100, 1000)).isEqualTo("; the scorer is answering items of acme/m-a");
    work.set(Optional.empty());
    assertThat(pace.describe(100, 1000)).isEqualTo("; stalled: nothing scored for 60 s");
  }

  @Test
  void shouldSayStalledWithoutALocalScorerToo() {
    ScoringPace pace = new ScoringPace(clock, null);
    assertThat(pace.describe(0, 1000)).isEmpty();
    clock.advance(ScoringPace.STALLED_AFTER.plusSeconds(5));

    assertThat(pace.describe(0, 1000)).isEqualTo("; stalled: nothing scored for 35 s");
  }
}

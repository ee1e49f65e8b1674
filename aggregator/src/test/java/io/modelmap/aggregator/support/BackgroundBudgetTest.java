package io.modelmap.aggregator.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BackgroundBudgetTest {

  @Test
  void aJobHoldsTheNextBackInProportionToItsDuration() throws Exception {
    AtomicLong clock = new AtomicLong(1_000);
    BackgroundBudget half = new BackgroundBudget(0.5, clock::get);
    assertThat(half.allowsStart()).isTrue();
    assertThat(half.charge(() -> clock.addAndGet(300))).isEqualTo(1_300L); // a job of 300 ns
    clock.set(1_599);
    assertThat(half.allowsStart()).as("half a core: idle as long as it worked").isFalse();
    clock.set(1_600);
    assertThat(half.allowsStart()).isTrue();

    BackgroundBudget quarter = new BackgroundBudget(0.25, clock::get);
    quarter.charge(() -> clock.addAndGet(100)); // ends at 1,700
    clock.set(1_999);
    assertThat(quarter.allowsStart()).isFalse();
    clock.set(2_000);
    assertThat(quarter.allowsStart()).isTrue();
  }

  @Test
  void aFailedJobIsChargedToo() {
    AtomicLong clock = new AtomicLong(0);
    BackgroundBudget budget = new BackgroundBudget(0.5, clock::get);
    assertThatThrownBy(() -> budget.charge(() -> {
      clock.addAndGet(50);
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
    clock.set(99);
    assertThat(budget.allowsStart()).isFalse();
    assertThatThrownBy(() -> new BackgroundBudget(0, clock::get)).hasMessageContaining("share");
  }
}

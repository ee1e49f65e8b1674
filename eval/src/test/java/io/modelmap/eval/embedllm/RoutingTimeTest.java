package io.modelmap.eval.embedllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RoutingTimeTest {
  @Test
  void shouldRepeatTheQuestionsInOrderAndCutTheLastCopy() {
    assertThat(RoutingTime.repeated(List.of(4, 7), 5)).containsExactly(4, 7, 4, 7, 4);
    assertThat(RoutingTime.repeated(List.of(1, 2, 3), 2)).containsExactly(1, 2);
    assertThat(RoutingTime.repeated(List.of(9), RoutingTime.QUESTIONS)).hasSize(3000);
  }

  @Test
  void shouldRefuseToRepeatNothing() {
    assertThatThrownBy(() -> RoutingTime.repeated(List.of(), 3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRunTheWorkOncePerRun() {
    AtomicInteger calls = new AtomicInteger();

    double median = RoutingTime.medianMs(calls::incrementAndGet, 7);

    assertThat(calls).hasValue(7);
    assertThat(median).isNotNegative();
  }
}

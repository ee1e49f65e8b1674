package io.modelmap.scorer.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.scorer.scoring.SlidingWindows.Window;
import org.junit.jupiter.api.Test;

class SlidingWindowsTest {

  @Test
  void shouldSlideAsThePerplexityGuideDoesOnAHandWorkedCase() {
    // 7 positions, context 4, stride 2: [0,4) scores all four; [2,6) scores 4 and 5; [3,7) scores 6
    assertThat(SlidingWindows.plan(7, 4, 2))
        .containsExactly(new Window(0, 4, 0), new Window(2, 6, 4), new Window(3, 7, 6));
  }

  @Test
  void shouldUseOneWindowWhenTheTextFits() {
    assertThat(SlidingWindows.plan(4, 4, 1)).containsExactly(new Window(0, 4, 0));
    assertThat(SlidingWindows.plan(1, 128, 64)).containsExactly(new Window(0, 1, 0));
  }

  @Test
  void shouldScoreEveryPositionOnceWithAtLeastContextMinusStrideBeforeIt() {
    for (int positions = 1; positions <= 40; positions++) {
      for (int context = 1; context <= 9; context++) {
        for (int stride = 1; stride <= context; stride++) {
          int[] scored = new int[positions];
          for (Window w : SlidingWindows.plan(positions, context, stride)) {
            assertThat(w.length()).isLessThanOrEqualTo(context);
            assertThat(w.from()).isGreaterThanOrEqualTo(0);
            for (int p = w.firstScored(); p < w.to(); p++) {
              scored[p]++;
              // the first window scores everything; any other position sees ≥ context − stride before it
              if (w.from() > 0) {
                assertThat(p - w.from()).isGreaterThanOrEqualTo(context - stride);
              }
            }
          }
          assertThat(scored).containsOnly(1);
        }
      }
    }
  }

  @Test
  void shouldRefuseAStrideOutsideOneToTheContext() {
    assertThatThrownBy(() -> SlidingWindows.plan(10, 4, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stride");
    assertThatThrownBy(() -> SlidingWindows.plan(10, 4, 5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stride");
  }
}

package io.modelmap.scorer.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * One forward pass over {@code sequence[from, to)} that scores the targets {@code sequence[firstTarget, to)}
 * (each predicted from the position before it).
 */
record ScoringWindow(int owner, long[] sequence, int from, int to, int firstTarget) {

  int length() {
    return to - from;
  }

  /**
   * Windows covering a sequence (start token included) so that every token after the start is scored
   * exactly once: one window when it fits, otherwise windows of {@code context} tokens advancing by
   * half a context, each scoring only its new tokens with at least half a context before them.
   */
  static List<ScoringWindow> plan(int owner, long[] sequence, int context) {
    List<ScoringWindow> windows = new ArrayList<>();
    if (sequence.length <= context) {
      windows.add(new ScoringWindow(owner, sequence, 0, sequence.length, 1));
      return windows;
    }
    // a window of the scorer also holds its last token, which predicts nothing: context − 1 predicting positions
    for (SlidingWindows.Window w : SlidingWindows.plan(sequence.length - 1, context - 1, Math.max(1, context / 2))) {
      windows.add(new ScoringWindow(owner, sequence, w.from(), w.to() + 1, w.firstScored() + 1));
    }
    return windows;
  }

  /**
   * One window over the last {@code context} tokens of {@code sequence} that scores the tokens from
   * {@code firstTarget} on (a continuation after its context; tokens cut off on the left are the
   * oldest context, as lm-evaluation-harness truncates).
   */
  static ScoringWindow lastTokens(int owner, long[] sequence, int firstTarget, int context) {
    int from = Math.max(0, sequence.length - context);
    return new ScoringWindow(owner, sequence, from, sequence.length, Math.max(firstTarget, from + 1));
  }
}

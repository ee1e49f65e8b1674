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
    int n = sequence.length;
    List<ScoringWindow> windows = new ArrayList<>();
    if (n <= context) {
      windows.add(new ScoringWindow(owner, sequence, 0, n, 1));
      return windows;
    }
    int stride = Math.max(1, context / 2);
    windows.add(new ScoringWindow(owner, sequence, 0, context, 1));
    int scoredUpTo = context;
    while (scoredUpTo < n) {
      int end = Math.min(n, scoredUpTo + stride);
      windows.add(new ScoringWindow(owner, sequence, end - context, end, scoredUpTo));
      scoredUpTo = end;
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

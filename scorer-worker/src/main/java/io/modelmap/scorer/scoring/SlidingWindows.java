package io.modelmap.scorer.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * Strided windows over the input positions of a text longer than a model's context, as transformers'
 * perplexity guide ("Perplexity of fixed-length models") slides them: every position's prediction is
 * scored exactly once; the first window scores all of its positions; each later window ends
 * {@code stride} positions further and scores only its new positions, so each of them sees at least
 * {@code context − stride} positions before it in its window.
 */
public final class SlidingWindows {
  private SlidingWindows() {}

  /**
   * One forward pass over input positions {@code [from, to)} whose predictions at positions
   * {@code [firstScored, to)} count.
   */
  public record Window(int from, int to, int firstScored) {
    public int length() {
      return to - from;
    }
  }

  /** Windows over {@code positions} input positions, at most {@code context} long, advancing by {@code stride}. */
  public static List<Window> plan(int positions, int context, int stride) {
    if (positions < 1 || context < 1) {
      throw new IllegalArgumentException("windows need a position and a context of at least 1, were " + positions
          + " and " + context);
    }
    List<Window> windows = new ArrayList<>();
    if (positions <= context) {
      windows.add(new Window(0, positions, 0));
      return windows;
    }
    if (stride < 1 || stride > context) {
      throw new IllegalArgumentException("the stride must be between 1 and the context (" + context + "), was "
          + stride);
    }
    windows.add(new Window(0, context, 0));
    int scoredUpTo = context;
    while (scoredUpTo < positions) {
      int end = Math.min(positions, scoredUpTo + stride);
      windows.add(new Window(end - context, end, scoredUpTo));
      scoredUpTo = end;
    }
    return windows;
  }
}

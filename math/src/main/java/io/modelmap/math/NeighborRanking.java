package io.modelmap.math;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps the k nearest neighbours of one model, nearest first. */
public final class NeighborRanking {
  private NeighborRanking() {}

  /** The k smallest of {@code candidates}, sorted. */
  public static List<Neighbor> topK(List<Neighbor> candidates, int k) {
    List<Neighbor> sorted = new ArrayList<>(candidates);
    Collections.sort(sorted);
    return List.copyOf(sorted.subList(0, Math.min(k, sorted.size())));
  }

  /**
   * The list after offering one more candidate; returns the same instance when the candidate does
   * not enter, so callers can tell whether anything changed.
   */
  public static List<Neighbor> offer(List<Neighbor> current, Neighbor candidate, int k) {
    List<Neighbor> others = new ArrayList<>(current.size() + 1);
    for (Neighbor n : current) {
      if (!n.modelId().equals(candidate.modelId())) {
        others.add(n);
      }
    }
    if (others.size() == current.size() && current.size() >= k
        && candidate.compareTo(current.get(current.size() - 1)) >= 0) {
      return current;
    }
    others.add(candidate);
    List<Neighbor> next = topK(others, k);
    return next.equals(current) ? current : next;
  }
}

package io.modelmap.math.responses;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ROUGE-N (clipped n-gram overlap) and ROUGE-L (longest common subsequence) between token lists, as
 * rouge-score computes them (WildChat-50M Table 5 compares responses this way).
 */
public final class Rouge {
  private Rouge() {}

  public static Overlap n(List<String> candidate, List<String> reference, int n) {
    Map<List<String>, Integer> c = ngrams(candidate, n);
    Map<List<String>, Integer> r = ngrams(reference, n);
    int matches = 0;
    for (Map.Entry<List<String>, Integer> e : c.entrySet()) {
      matches += Math.min(e.getValue(), r.getOrDefault(e.getKey(), 0));
    }
    return Overlap.of(matches, Math.max(0, candidate.size() - n + 1), Math.max(0, reference.size() - n + 1));
  }

  public static Overlap l(List<String> candidate, List<String> reference) {
    return Overlap.of(lcs(candidate, reference), candidate.size(), reference.size());
  }

  /** Length of the longest common subsequence, in O(|a|·|b|) time and O(|b|) memory. */
  static int lcs(List<String> a, List<String> b) {
    int[] previous = new int[b.size() + 1];
    int[] current = new int[b.size() + 1];
    for (String x : a) {
      for (int j = 1; j <= b.size(); j++) {
        current[j] = x.equals(b.get(j - 1)) ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.size()];
  }

  static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
    Map<List<String>, Integer> counts = new HashMap<>();
    for (int i = 0; i + n <= tokens.size(); i++) {
      counts.merge(tokens.subList(i, i + n), 1, Integer::sum);
    }
    return counts;
  }
}

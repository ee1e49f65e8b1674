package io.modelmap.math.responses;

import java.util.List;
import java.util.Map;

/**
 * Sentence BLEU of a candidate against one reference (Papineni et al.): the geometric mean of the
 * clipped 1- to 4-gram precisions times the brevity penalty, with NLTK's smoothing method 1 (a
 * precision with no match counts ε = 0.1 matches) and 0 when not one unigram matches, as NLTK's
 * {@code sentence_bleu} does.
 */
public final class SentenceBleu {
  private static final int MAX_ORDER = 4;
  private static final double EPSILON = 0.1;

  private SentenceBleu() {}

  public static double of(List<String> candidate, List<String> reference) {
    if (candidate.isEmpty()) {
      return 0;
    }
    double logSum = 0;
    for (int n = 1; n <= MAX_ORDER; n++) {
      Map<List<String>, Integer> c = Rouge.ngrams(candidate, n);
      Map<List<String>, Integer> r = Rouge.ngrams(reference, n);
      int matches = 0;
      for (Map.Entry<List<String>, Integer> e : c.entrySet()) {
        matches += Math.min(e.getValue(), r.getOrDefault(e.getKey(), 0));
      }
      if (n == 1 && matches == 0) {
        return 0;
      }
      int total = Math.max(1, candidate.size() - n + 1);
      logSum += Math.log((matches == 0 ? EPSILON : matches) / (double) total) / MAX_ORDER;
    }
    double brevity = candidate.size() > reference.size() ? 1
        : Math.exp(1 - reference.size() / (double) candidate.size());
    return brevity * Math.exp(logSum);
  }
}

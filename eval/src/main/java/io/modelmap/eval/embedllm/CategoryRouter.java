package io.modelmap.eval.embedllm;

import io.modelmap.math.embed.CorrectnessMatrix;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * The router baseline that needs no embeddings: each question goes to the model with the highest accuracy
 * on the training questions of its category (MMLU-Pro's 14 subjects), ties to the lower model index; a
 * category with no training question goes to the model best over all training questions.
 */
public final class CategoryRouter {
  private CategoryRouter() {}

  /** {@code categories.get(q)} is question q's category; the route is learnt from {@code train} only. */
  public static IntUnaryOperator fit(CorrectnessMatrix correct, List<String> categories, List<Integer> train) {
    Map<String, List<Integer>> byCategory = new HashMap<>();
    for (int q : train) {
      byCategory.computeIfAbsent(categories.get(q), c -> new java.util.ArrayList<>()).add(q);
    }
    Map<String, Integer> best = new HashMap<>();
    byCategory.forEach((category, questions) -> best.put(category, bestModel(correct, questions)));
    int overall = bestModel(correct, train);
    return q -> best.getOrDefault(categories.get(q), overall);
  }

  private static int bestModel(CorrectnessMatrix correct, List<Integer> questions) {
    int best = 0;
    for (int m = 1; m < correct.models(); m++) {
      if (correct.accuracy(m, questions) > correct.accuracy(best, questions)) {
        best = m;
      }
    }
    return best;
  }
}

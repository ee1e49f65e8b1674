package io.modelmap.eval.embedllm;

import io.modelmap.math.embed.CorrectnessMatrix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The correctness baseline that needs no embeddings: a model is predicted right on a question when its
 * accuracy on the training questions of the question's category is at least 1/2; a category with no
 * training question falls back to the model's accuracy over all training questions.
 */
public final class CategoryCorrectness {
  private CategoryCorrectness() {}

  /** {@code categories.get(q)} is question q's category; the accuracies are learnt from {@code train} only. */
  public static CorrectnessMatrix.Prediction fit(CorrectnessMatrix correct, List<String> categories,
      List<Integer> train) {
    Map<String, List<Integer>> byCategory = new HashMap<>();
    for (int q : train) {
      byCategory.computeIfAbsent(categories.get(q), c -> new ArrayList<>()).add(q);
    }
    Map<String, double[]> accuracy = new HashMap<>();
    byCategory.forEach((category, questions) -> accuracy.put(category, accuracies(correct, questions)));
    double[] overall = accuracies(correct, train);
    return (m, q) -> accuracy.getOrDefault(categories.get(q), overall)[m] >= 0.5;
  }

  private static double[] accuracies(CorrectnessMatrix correct, List<Integer> questions) {
    double[] out = new double[correct.models()];
    for (int m = 0; m < out.length; m++) {
      out[m] = correct.accuracy(m, questions);
    }
    return out;
  }
}

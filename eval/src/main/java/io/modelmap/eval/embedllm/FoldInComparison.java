package io.modelmap.eval.embedllm;

import io.modelmap.math.embed.CorrectnessMatrix;
import io.modelmap.math.embed.EmbedLlm;
import io.modelmap.math.embed.FoldIn;
import io.modelmap.math.embed.QuestionEncoder;
import io.modelmap.math.embed.SparseVector;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * EmbedLLM's fold-in against full training, each model held out in turn: embeddings trained without
 * the model, its embedding then fitted alone on its training answers ({@link FoldIn}, L2
 * {@value #L2}), and both that and the full training's embedding scored on the model's test answers.
 */
public final class FoldInComparison {
  /** The fold-in's L2 penalty. */
  public static final double L2 = 1.0;

  private FoldInComparison() {}

  /**
   * One held-out model's figures.
   *
   * @param model the model's index
   * @param foldIn correctness accuracy on its answered test questions with the folded-in embedding
   * @param full the same with the full training's embedding
   * @param foldInMs the fold-in's time
   * @param retrainingSeconds the time of the training without the model
   */
  public record Row(int model, double foldIn, double full, double foldInMs, double retrainingSeconds) {}

  /** The means over the held-out models. */
  public record Summary(int models, double meanFoldIn, double meanFull) {}

  /**
   * Holds out the first {@code count} models in turn, handing each {@link Row} to {@code each} as it is
   * done (a retraining takes seconds); empty summary (0 models, NaN means) when {@code count} is 0.
   */
  public static Summary run(int count, EmbedLlm full, QuestionEncoder encoder, List<SparseVector> encoded,
      CorrectnessMatrix correct, QuestionSplit split, EmbedLlm.Settings settings, Consumer<Row> each) {
    double sumFold = 0;
    double sumFull = 0;
    for (int m = 0; m < count; m++) {
      long begun = System.nanoTime();
      EmbedLlm without = EmbedLlm.fit(correct.models(), encoder, encoded, correct.observations(split.train(), m),
          settings);
      List<Integer> answered = answered(correct, m, split.train());
      boolean[] y = new boolean[answered.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = correct.right(m, answered.get(i));
      }
      long fold = System.nanoTime();
      double[] e = FoldIn.embedding(answered.stream().map(q -> without.features(without.project(encoded.get(q))))
          .toList(), y, without.bias(), L2);
      double foldMs = (System.nanoTime() - fold) / 1e6;
      double a = accuracy(correct, m, split.test(), predictedRight(without, e, encoded));
      double b = accuracy(correct, m, split.test(), predictedRight(full, full.embedding(m), encoded));
      sumFold += a;
      sumFull += b;
      each.accept(new Row(m, a, b, foldMs, (fold - begun) / 1e9));
    }
    return new Summary(count, sumFold / count, sumFull / count);
  }

  private static IntPredicate predictedRight(EmbedLlm model, double[] embedding, List<SparseVector> encoded) {
    return q -> model.probability(embedding, model.features(model.project(encoded.get(q)))) >= 0.5;
  }

  /**
   * One model's correctness accuracy: the share of its answered {@code questions} where
   * {@code predictedRight} says what the matrix says.
   */
  public static double accuracy(CorrectnessMatrix correct, int model, List<Integer> questions,
      IntPredicate predictedRight) {
    List<Integer> answered = answered(correct, model, questions);
    long agree = answered.stream().filter(q -> predictedRight.test(q) == correct.right(model, q)).count();
    return (double) agree / answered.size();
  }

  private static List<Integer> answered(CorrectnessMatrix correct, int model, List<Integer> questions) {
    return questions.stream().filter(q -> correct.answered(model, q)).toList();
  }
}

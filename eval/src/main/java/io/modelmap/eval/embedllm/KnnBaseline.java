package io.modelmap.eval.embedllm;

import io.modelmap.math.embed.CorrectnessMatrix;
import io.modelmap.math.embed.HashedTfIdfEncoder;
import io.modelmap.math.embed.KnnCorrectness;
import io.modelmap.math.embed.SparseVector;
import java.util.List;

/**
 * EmbedLLM's KNN baseline as the evaluation runs it: every question encoded (TF-IDF hashed into 2^14
 * buckets, fitted on the training texts, KNN's best here), neighbours among the training questions,
 * and k chosen on the validation questions.
 *
 * @param knn the index over the training questions' encodings
 * @param encoded every question's encoding, by question index
 * @param train the training question indices ({@code knn}'s entries, in order)
 */
public record KnnBaseline(KnnCorrectness knn, List<SparseVector> encoded, List<Integer> train) {
  /** KNN's hashing width. */
  public static final int BITS = 14;
  /** The k tried on the validation questions. */
  public static final int[] CANDIDATE_K = {5, 15, 51};

  public KnnBaseline {
    encoded = List.copyOf(encoded);
    train = List.copyOf(train);
  }

  /** Encodes {@code texts} with an encoder fitted on the training texts and indexes the training questions. */
  public static KnnBaseline fit(List<String> texts, List<Integer> train) {
    HashedTfIdfEncoder encoder = HashedTfIdfEncoder.fit(train.stream().map(texts::get).toList(), BITS);
    return of(encoder.dimension(), texts.stream().map(encoder::encode).toList(), train);
  }

  /** The baseline over given encodings of {@code dimension} buckets. */
  public static KnnBaseline of(int dimension, List<SparseVector> encoded, List<Integer> train) {
    return new KnnBaseline(new KnnCorrectness(dimension, train.stream().map(encoded::get).toList()), encoded, train);
  }

  /** The majority vote of the k nearest training questions, per (model, question). */
  public CorrectnessMatrix.Prediction predictions(CorrectnessMatrix correct, int k) {
    return KnnCorrectness.predictions(knn, encoded, train, correct, k);
  }

  /** The candidate with the highest agreement on {@code validation}; the first one on ties. */
  public int chooseK(CorrectnessMatrix correct, List<Integer> validation, int... candidates) {
    int k = 0;
    double best = -1;
    for (int candidate : candidates) {
      double a = correct.agreement(validation, predictions(correct, candidate));
      if (a > best) {
        best = a;
        k = candidate;
      }
    }
    return k;
  }
}

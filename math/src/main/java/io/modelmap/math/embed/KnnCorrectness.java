package io.modelmap.math.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * EmbedLLM's KNN baseline (§4.3): a model answers a question right if it answered most of the k
 * training questions nearest to it right (cosine similarity of the encodings; ties go to right).
 * An inverted index over the encodings' non-zeros finds the neighbours.
 */
public final class KnnCorrectness {
  private final List<List<int[]>> postings = new ArrayList<>();
  private final List<List<Float>> weights = new ArrayList<>();
  private final int questions;

  public KnnCorrectness(int dimension, List<SparseVector> training) {
    for (int i = 0; i < dimension; i++) {
      postings.add(null);
      weights.add(null);
    }
    this.questions = training.size();
    for (int q = 0; q < training.size(); q++) {
      SparseVector v = training.get(q);
      for (int i = 0; i < v.indices().length; i++) {
        int bucket = v.indices()[i];
        if (postings.get(bucket) == null) {
          postings.set(bucket, new ArrayList<>());
          weights.set(bucket, new ArrayList<>());
        }
        postings.get(bucket).add(new int[] {q});
        weights.get(bucket).add(v.values()[i]);
      }
    }
  }

  /** The indices (into the training list) of the k training questions most similar to {@code x}, nearest first. */
  public int[] neighbours(SparseVector x, int k) {
    double[] similarity = new double[questions];
    for (int i = 0; i < x.indices().length; i++) {
      List<int[]> list = postings.get(x.indices()[i]);
      if (list == null) {
        continue;
      }
      List<Float> w = weights.get(x.indices()[i]);
      for (int j = 0; j < list.size(); j++) {
        similarity[list.get(j)[0]] += x.values()[i] * (double) w.get(j);
      }
    }
    PriorityQueue<Integer> best = new PriorityQueue<>((a, b) -> similarity[a] != similarity[b]
        ? Double.compare(similarity[a], similarity[b]) : Integer.compare(b, a));
    for (int q = 0; q < questions; q++) {
      best.add(q);
      if (best.size() > k) {
        best.poll();
      }
    }
    int[] out = new int[best.size()];
    for (int i = out.length - 1; i >= 0; i--) {
      out[i] = best.poll();
    }
    return out;
  }

  /**
   * The majority vote of {@code correct} (per training question: 1 right, 0 wrong, −1 unknown) over
   * the neighbours the model answered; with none, {@code fallback}.
   */
  public static boolean vote(int[] neighbours, int[] correct, boolean fallback) {
    int right = 0;
    int known = 0;
    for (int q : neighbours) {
      if (correct[q] >= 0) {
        known++;
        right += correct[q];
      }
    }
    return known == 0 ? fallback : 2 * right >= known;
  }

  /** The baseline's prediction for every (model, question) of {@code questions}: neighbours among {@code train}. */
  public static CorrectnessMatrix.Prediction predictions(KnnCorrectness knn, List<SparseVector> encoded,
      List<Integer> train, CorrectnessMatrix correct, int k) {
    java.util.Map<Integer, int[]> neighbours = new java.util.HashMap<>();
    return (m, q) -> vote(neighbours.computeIfAbsent(q, x -> java.util.Arrays.stream(knn.neighbours(encoded.get(x), k))
        .map(train::get).toArray()), correct.cells()[m], true);
  }
}

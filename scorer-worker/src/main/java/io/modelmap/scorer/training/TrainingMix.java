package io.modelmap.scorer.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * What a model is trained on: a byte corpus per category and the share of training windows each gets
 * (a base trained mostly on code, a fine-tune on legal text), whatever the categories' sizes.
 */
public final class TrainingMix {
  private final List<String> categories = new ArrayList<>();
  private final List<ByteCorpus> corpora = new ArrayList<>();
  private final double[] cumulative;

  private TrainingMix(Map<String, ByteCorpus> byCategory, Map<String, Double> weights) {
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    cumulative = new double[weights.size()];
    double running = 0;
    for (Map.Entry<String, Double> w : new TreeMap<>(weights).entrySet()) {
      categories.add(w.getKey());
      corpora.add(byCategory.get(w.getKey()));
      running += w.getValue() / total;
      cumulative[categories.size() - 1] = running;
    }
  }

  /**
   * @param documents category → its documents' texts
   * @param weights category → share of windows (positive); each must have documents
   */
  public static TrainingMix of(Map<String, List<String>> documents, Map<String, Double> weights) {
    if (weights.isEmpty()) {
      throw new IllegalArgumentException("the mix names no category");
    }
    Map<String, ByteCorpus> byCategory = new TreeMap<>();
    weights.forEach((category, weight) -> {
      List<String> texts = documents.get(category);
      if (texts == null || texts.isEmpty()) {
        throw new IllegalArgumentException("no documents of category '" + category + "'; the sources hold "
            + new TreeMap<>(documents).keySet());
      }
      if (!(weight > 0)) {
        throw new IllegalArgumentException("the share of '" + category + "' must be positive, was " + weight);
      }
      byCategory.put(category, ByteCorpus.of(texts));
    });
    return new TrainingMix(byCategory, weights);
  }

  /** {@code batch} windows of {@code length + 1} tokens, each from a category drawn by its share. */
  long[][] windows(Random random, int batch, int length) {
    long[][] out = new long[batch][];
    for (int b = 0; b < batch; b++) {
      double u = random.nextDouble();
      int c = 0;
      while (c < cumulative.length - 1 && u > cumulative[c]) {
        c++;
      }
      out[b] = corpora.get(c).windows(random, 1, length)[0];
    }
    return out;
  }

  /** The mix as text: {@code code 75 %, prose 25 %}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    double previous = 0;
    for (int c = 0; c < categories.size(); c++) {
      sb.append(c == 0 ? "" : ", ").append(categories.get(c)).append(' ')
          .append(Math.round(100 * (cumulative[c] - previous))).append(" %");
      previous = cumulative[c];
    }
    return sb.toString();
  }
}

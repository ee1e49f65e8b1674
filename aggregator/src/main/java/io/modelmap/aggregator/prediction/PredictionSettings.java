package io.modelmap.aggregator.prediction;

import io.modelmap.aggregator.embedding.EmbeddingSettings;
import java.time.Duration;
import java.util.Locale;

/**
 * How benchmark scores are predicted.
 *
 * @param minObserved observed complete models a benchmark needs before it is fitted (default 10)
 * @param folds outer and inner cross-validation folds (default 5)
 * @param grouping what folds are grouped by, so no model is predicted from its own family (default family)
 * @param analyticsInterval the least time between two recomputations of a corpus's analytics (O(K³); default 10 s)
 * @param collaborative how collaborative prediction (CPP) is fitted
 * @param embedding how model embeddings (EmbedLLM) are learned from mc-answers
 */
public record PredictionSettings(int minObserved, int folds, Grouping grouping, Duration analyticsInterval,
    CollaborativeSettings collaborative, EmbeddingSettings embedding) {

  /** What cross-validation folds are grouped by. */
  public enum Grouping {
    FAMILY, TYPE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Grouping ofLabel(String label) {
      for (Grouping g : values()) {
        if (g.label().equals(label)) {
          return g;
        }
      }
      throw new IllegalArgumentException("grouping must be family or type, was '" + label + "'");
    }
  }

  public PredictionSettings {
    if (minObserved < 3) {
      throw new IllegalArgumentException("a fit needs at least 3 observed models, was " + minObserved);
    }
    if (folds < 2) {
      throw new IllegalArgumentException("cross-validation needs at least 2 folds, was " + folds);
    }
    java.util.Objects.requireNonNull(grouping, "grouping");
    java.util.Objects.requireNonNull(collaborative, "collaborative");
    java.util.Objects.requireNonNull(embedding, "embedding");
    if (analyticsInterval.isNegative()) {
      throw new IllegalArgumentException("the analytics interval cannot be negative, was " + analyticsInterval);
    }
  }

  public static PredictionSettings defaults() {
    return new PredictionSettings(10, 5, Grouping.FAMILY, Duration.ofSeconds(10), CollaborativeSettings.defaults(),
        EmbeddingSettings.defaults());
  }
}

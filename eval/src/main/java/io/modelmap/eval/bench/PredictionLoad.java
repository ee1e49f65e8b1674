package io.modelmap.eval.bench;

import io.modelmap.kafka.Publisher;
import io.modelmap.producer.synthetic.SyntheticMatrix;
import io.modelmap.schemas.ScoreSource;
import io.modelmap.schemas.avro.BenchmarkScore;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.key.CompositeKey;
import io.modelmap.schemas.topic.Topics;
import java.util.Random;

/**
 * The prediction side of the benchmark: every synthetic model registered with its family (so folds
 * are grouped by family), and scores on a few benchmarks for the first models. A score is a linear
 * read-out of the model's L row plus noise, so the map can predict it: with {@code new Random(seed)},
 * first the weights w[b][s] ~ N(0, 1)/N (benchmark by benchmark), then for each observed model m and
 * benchmark b in turn score = Σ_s w[b][s]·L[m][s] + 0.01·N(0, 1).
 */
public final class PredictionLoad {
  private final SyntheticMatrix matrix;
  private final int benchmarks;
  private final int observed;
  private final double[][] scores; // [benchmark][observed model]

  public PredictionLoad(SyntheticMatrix matrix, int benchmarks, int observed, long seed) {
    this.matrix = matrix;
    this.benchmarks = benchmarks;
    this.observed = observed;
    this.scores = readOuts(matrix, benchmarks, observed, seed);
  }

  private static double[][] readOuts(SyntheticMatrix matrix, int benchmarks, int observed, long seed) {
    Random random = new Random(seed);
    double[][] weights = new double[benchmarks][matrix.texts()];
    for (double[] w : weights) {
      for (int s = 0; s < w.length; s++) {
        w[s] = random.nextGaussian() / matrix.texts();
      }
    }
    double[][] scores = new double[benchmarks][observed];
    for (int m = 0; m < observed; m++) {
      double[] row = matrix.row(m);
      for (int b = 0; b < benchmarks; b++) {
        double readOut = 0;
        for (int s = 0; s < row.length; s++) {
          readOut += weights[b][s] * row[s];
        }
        scores[b][m] = readOut + 0.01 * random.nextGaussian();
      }
    }
    return scores;
  }

  public static String benchmarkId(int b) {
    return "synthetic-bench-" + b;
  }

  public int benchmarks() {
    return benchmarks;
  }

  public int observed() {
    return observed;
  }

  /** The published score of observed model {@code m} on benchmark {@code b}. */
  public double score(int b, int m) {
    return scores[b][m];
  }

  /** Registers every model with its family, then publishes the observed models' scores. */
  public void publish(Publisher publisher, Topics topics, String corpus) {
    for (int m = 0; m < matrix.models(); m++) {
      String id = matrix.modelId(m);
      publisher.send(topics.modelRegistered(), id, ModelRegistered.newBuilder().setModelId(id).setSourceUri("synthetic:")
          .setCorpusId(corpus).setFamily(String.format("fam%02d", matrix.family(m))).setModelType("base").build());
    }
    for (int m = 0; m < observed; m++) {
      String id = matrix.modelId(m);
      for (int b = 0; b < benchmarks; b++) {
        publisher.send(topics.benchmarkScores(), CompositeKey.of(id, benchmarkId(b)), BenchmarkScore.newBuilder()
            .setModelId(id).setBenchmarkId(benchmarkId(b)).setMetric("score").setValue(scores[b][m]) // a read-out, not a rate
            .setSource(ScoreSource.IMPORTED).build());
      }
    }
  }
}

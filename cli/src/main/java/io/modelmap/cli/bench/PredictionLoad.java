package io.modelmap.cli.bench;

import io.modelmap.producer.kafka.Publisher;
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
 * read-out of the model's L row plus noise, so the map can predict it.
 */
final class PredictionLoad {
  private final SyntheticMatrix matrix;
  private final int benchmarks;
  private final int observed;
  private final long seed;
  private final double[][] scores; // [benchmark][observed model]

  PredictionLoad(SyntheticMatrix matrix, int benchmarks, int observed, long seed) {
    this.matrix = matrix;
    this.benchmarks = benchmarks;
    this.observed = observed;
    this.seed = seed;
    this.scores = new double[benchmarks][observed];
  }

  static String benchmarkId(int b) {
    return "synthetic-bench-" + b;
  }

  int benchmarks() {
    return benchmarks;
  }

  int observed() {
    return observed;
  }

  /** The published score of observed model {@code m} on benchmark {@code b}. */
  double score(int b, int m) {
    return scores[b][m];
  }

  void publish(Publisher publisher, Topics topics, String corpus) {
    for (int m = 0; m < matrix.models(); m++) {
      String id = matrix.modelId(m);
      publisher.send(topics.modelRegistered(), id, ModelRegistered.newBuilder().setModelId(id).setSourceUri("synthetic:")
          .setCorpusId(corpus).setFamily(String.format("fam%02d", matrix.family(m))).setModelType("base").build());
    }
    Random random = new Random(seed);
    double[][] weights = new double[benchmarks][matrix.texts()];
    for (double[] w : weights) {
      for (int s = 0; s < w.length; s++) {
        w[s] = random.nextGaussian() / matrix.texts();
      }
    }
    for (int m = 0; m < observed; m++) {
      double[] row = matrix.row(m);
      for (int b = 0; b < benchmarks; b++) {
        double readOut = 0;
        for (int s = 0; s < row.length; s++) {
          readOut += weights[b][s] * row[s];
        }
        String id = matrix.modelId(m);
        scores[b][m] = readOut + 0.01 * random.nextGaussian();
        publisher.send(topics.benchmarkScores(), CompositeKey.of(id, benchmarkId(b)), BenchmarkScore.newBuilder()
            .setModelId(id).setBenchmarkId(benchmarkId(b)).setMetric("score").setValue(scores[b][m]) // a read-out, not a rate
            .setSource(ScoreSource.IMPORTED).build());
      }
    }
  }
}

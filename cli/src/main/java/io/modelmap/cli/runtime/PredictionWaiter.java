package io.modelmap.cli.runtime;

import io.modelmap.cli.terminal.Plural;
import io.modelmap.cli.terminal.ProgressLine;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.LatestByKey;
import io.modelmap.kafka.Waiter;
import io.modelmap.schemas.avro.BenchmarkScore;
import io.modelmap.schemas.avro.ModelAnalytics;
import io.modelmap.schemas.key.CompositeKey;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Waits until the aggregator has taken in every imported model and score: its model-analytics record
 * for the corpus, published after the refits of the same moment, lists every model and counts every
 * score. Which benchmarks get fitted is the aggregator's rule alone; nothing of it is copied here.
 */
public final class PredictionWaiter {
  private final KafkaConnection connection;
  private final PrintStream progress;

  public PredictionWaiter(KafkaConnection connection, PrintStream progress) {
    this.connection = connection;
    this.progress = progress;
  }

  public void await(String corpus, Set<String> models, Iterable<BenchmarkScore> observed, Duration timeout)
      throws TimeoutException, InterruptedException {
    Set<String> scores = new HashSet<>(); // the topic keeps one score per model and benchmark
    for (BenchmarkScore s : observed) {
      if (models.contains(s.getModelId())) {
        scores.add(CompositeKey.of(s.getModelId(), s.getBenchmarkId()));
      }
    }
    try (LatestByKey<String, ModelAnalytics> analyticsRead =
        new LatestByKey<>(connection, connection.topics().modelAnalytics())) {
      Waiter.of(ProgressLine.on(progress, Clock.systemUTC()), Clock.systemUTC()).until(() -> {
        ModelAnalytics analytics = analyticsRead.current().get(corpus);
        boolean modelsIn = analytics != null && analytics.getClusterOrder().containsAll(models);
        int scoresIn = analytics == null ? 0 : analytics.getObservedScores();
        return new Waiter.Status(modelsIn && scoresIn >= scores.size(),
            String.format("  predictions: the aggregator has %d of %s and %d of %s",
                analytics == null ? 0 : analytics.getCompleteModels(), Plural.of(models.size(), "model"), scoresIn,
                Plural.of(scores.size(), "score")),
            "the aggregator took in " + scoresIn + " of " + Plural.of(scores.size(), "score") + "; check its log");
      }, timeout);
    }
  }
}

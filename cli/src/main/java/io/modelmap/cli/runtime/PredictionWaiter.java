package io.modelmap.cli.runtime;

import io.modelmap.cli.terminal.Plural;
import io.modelmap.producer.kafka.ConnectionConfig;
import io.modelmap.producer.kafka.TopicReader;
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
  private final ConnectionConfig connection;
  private final PrintStream progress;

  public PredictionWaiter(ConnectionConfig connection, PrintStream progress) {
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
    TopicReader reader = new TopicReader(connection);
    Polling.until(() -> {
      ModelAnalytics analytics = reader.latestByKey(connection.topics().modelAnalytics()).get(corpus);
      boolean modelsIn = analytics != null && analytics.getClusterOrder().containsAll(models);
      int scoresIn = analytics == null ? 0 : analytics.getObservedScores();
      return new Polling.Status(modelsIn && scoresIn >= scores.size(),
          String.format("  predictions: the aggregator has %d of %s and %d of %s",
              analytics == null ? 0 : analytics.getCompleteModels(), Plural.of(models.size(), "model"), scoresIn,
              Plural.of(scores.size(), "score")),
          "the aggregator took in " + scoresIn + " of " + Plural.of(scores.size(), "score") + "; check its log");
    }, timeout, progress, Clock.systemUTC());
  }
}

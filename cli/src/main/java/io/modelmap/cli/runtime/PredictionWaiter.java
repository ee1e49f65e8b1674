package io.modelmap.cli.runtime;

import io.modelmap.aggregator.prediction.PredictionSettings;
import io.modelmap.producer.kafka.ConnectionConfig;
import io.modelmap.producer.kafka.TopicReader;
import io.modelmap.schemas.avro.BenchmarkScore;
import io.modelmap.schemas.avro.ScorePrediction;
import io.modelmap.schemas.avro.ScorePredictions;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Waits until every model has predictions for each benchmark with enough observed models among them,
 * each from a fit on all those observed models (the aggregator refits on its 2 s punctuation).
 */
public final class PredictionWaiter {
  private final ConnectionConfig connection;
  private final PrintStream progress;

  public PredictionWaiter(ConnectionConfig connection, PrintStream progress) {
    this.connection = connection;
    this.progress = progress;
  }

  public void await(Set<String> models, Iterable<BenchmarkScore> observed, Duration timeout)
      throws TimeoutException, InterruptedException {
    Map<String, Integer> observedCount = new HashMap<>();
    for (BenchmarkScore s : observed) {
      if (models.contains(s.getModelId().toString())) {
        observedCount.merge(s.getBenchmarkId().toString(), 1, Integer::sum);
      }
    }
    observedCount.values().removeIf(n -> n < PredictionSettings.defaults().minObserved());
    if (observedCount.isEmpty()) {
      progress.println("  no benchmark has " + PredictionSettings.defaults().minObserved()
          + " observed models: nothing to predict");
      return;
    }
    TopicReader reader = new TopicReader(connection);
    Polling.until(() -> {
      Map<String, ScorePredictions> published = reader.latestByKey(connection.topics().scorePredictions());
      long done = models.stream().filter(m -> published.containsKey(m) && covers(published.get(m), observedCount)).count();
      return new Polling.Status(done == models.size(),
          String.format("  predictions published for %d of %d models on %d benchmarks", done, models.size(),
              observedCount.size()),
          "predictions arrived for " + done + " of " + models.size() + " models; check the aggregator's log");
    }, timeout, progress, Clock.systemUTC());
  }

  private static boolean covers(ScorePredictions predictions, Map<String, Integer> observedCount) {
    Map<String, Integer> training = new HashMap<>();
    for (ScorePrediction p : predictions.getPredictions()) {
      training.put(p.getBenchmarkId().toString(), p.getTrainingModels());
    }
    return observedCount.entrySet().stream().allMatch(e -> e.getValue().equals(training.get(e.getKey())));
  }
}

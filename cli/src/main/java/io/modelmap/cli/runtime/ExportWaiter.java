package io.modelmap.cli.runtime;

import io.modelmap.producer.kafka.ConnectionConfig;
import io.modelmap.producer.kafka.TopicReader;
import io.modelmap.schemas.avro.BenchmarkScore;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.key.CompositeKey;
import io.modelmap.schemas.topic.Topics;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;

/**
 * Waits, before an export, until the views cover every complete model of the corpus ({@link ExportCoverage}):
 * analytics are recomputed at most every analytics interval, in the background, so right after the last model
 * completes they still describe fewer models. Bounded: after {@code timeout} it returns what is still missing.
 */
public final class ExportWaiter {
  private final ConnectionConfig connection;
  private final PrintStream progress;
  private final Clock clock;

  public ExportWaiter(ConnectionConfig connection, PrintStream progress, Clock clock) {
    this.connection = connection;
    this.progress = progress;
    this.clock = clock;
  }

  /** The coverage once complete, or as it stands after {@code timeout}. */
  public ExportCoverage await(String corpus, Duration timeout) throws InterruptedException {
    ExportCoverage[] last = new ExportCoverage[1];
    try {
      Polling.until(() -> {
        last[0] = coverage(corpus);
        return new Polling.Status(last[0].complete(),
            last[0].complete() ? "  export: the views cover all " + last[0].completeModels().size() + " complete models"
                : "  export: waiting for " + String.join("; ", last[0].gaps()),
            "the views do not cover every complete model");
      }, timeout, progress, clock);
    } catch (TimeoutException e) {
      progress.println("  export: gave up waiting after " + timeout + "; writing what there is");
    }
    return last[0];
  }

  /** One look at the views of {@code corpus}. */
  ExportCoverage coverage(String corpus) {
    Topics topics = connection.topics();
    TopicReader reader = new TopicReader(connection);
    Set<String> complete = new TreeSet<>();
    for (ModelCoordinates c : reader.latestByKey(topics.modelCoordinates()).values()) {
      if (c.getCorpusId().equals(corpus) && c.getComplete()) {
        complete.add(c.getModelId());
      }
    }
    Set<String> scores = new HashSet<>(); // the aggregator keeps one per model and benchmark
    for (BenchmarkScore s : reader.latestByKey(topics.benchmarkScores()).values()) {
      if (complete.contains(s.getModelId())) {
        scores.add(CompositeKey.of(s.getModelId(), s.getBenchmarkId()));
      }
    }
    return ExportCoverage.of(corpus, complete, reader.latestByKey(topics.coordinateFrame()).get(corpus),
        reader.latestByKey(topics.modelNeighbors()), reader.latestByKey(topics.modelAnalytics()).get(corpus),
        scores.size());
  }
}

package io.modelmap.cli.runtime;

import io.modelmap.cli.terminal.ProgressLine;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.LatestByKey;
import io.modelmap.kafka.Waiter;
import io.modelmap.schemas.avro.BenchmarkScore;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.ModelAnalytics;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.schemas.key.CompositeKey;
import io.modelmap.schemas.topic.Topics;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;

/**
 * Waits, before an export, until the views cover every complete model of the corpus ({@link ExportCoverage}):
 * analytics are recomputed at most every analytics interval, in the background, so right after the last model
 * completes they still describe fewer models. Bounded: after {@code timeout} it returns what is still missing.
 */
public final class ExportWaiter {
  private final KafkaConnection connection;
  private final PrintStream progress;
  private final Clock clock;

  public ExportWaiter(KafkaConnection connection, PrintStream progress, Clock clock) {
    this.connection = connection;
    this.progress = progress;
    this.clock = clock;
  }

  /** The coverage once complete, or as it stands after {@code timeout}. */
  public ExportCoverage await(String corpus, Duration timeout) throws InterruptedException {
    Topics topics = connection.topics();
    ExportCoverage[] last = new ExportCoverage[1];
    // Followers keep their place: each look reads only what arrived since the last one.
    try (LatestByKey<String, ModelCoordinates> coordinates = new LatestByKey<>(connection, topics.modelCoordinates());
        LatestByKey<String, BenchmarkScore> benchmarkScores = new LatestByKey<>(connection, topics.benchmarkScores());
        LatestByKey<String, CoordinateFrame> frames = new LatestByKey<>(connection, topics.coordinateFrame());
        LatestByKey<String, NeighborList> neighbors = new LatestByKey<>(connection, topics.modelNeighbors());
        LatestByKey<String, ModelAnalytics> analytics = new LatestByKey<>(connection, topics.modelAnalytics())) {
      Waiter.of(ProgressLine.on(progress, clock), clock).until(() -> {
        last[0] = coverage(corpus, coordinates.current(), benchmarkScores.current(), frames.current(),
            neighbors.current(), analytics.current());
        return new Waiter.Status(last[0].complete(),
            last[0].complete() ? "  export: the views cover all " + last[0].completeModels().size() + " complete models"
                : "  export: waiting for " + String.join("; ", last[0].gaps()),
            "the views do not cover every complete model");
      }, timeout);
    } catch (TimeoutException e) {
      progress.println("  export: gave up waiting after " + timeout + "; writing what there is");
    }
    return last[0];
  }

  /** One look at the views of {@code corpus}. */
  static ExportCoverage coverage(String corpus, Map<String, ModelCoordinates> coordinates,
      Map<String, BenchmarkScore> benchmarkScores, Map<String, CoordinateFrame> frames,
      Map<String, NeighborList> neighbors, Map<String, ModelAnalytics> analytics) {
    Set<String> complete = new TreeSet<>();
    for (ModelCoordinates c : coordinates.values()) {
      if (c.getCorpusId().equals(corpus) && c.getComplete()) {
        complete.add(c.getModelId());
      }
    }
    Set<String> scores = new HashSet<>(); // the aggregator keeps one per model and benchmark
    for (BenchmarkScore s : benchmarkScores.values()) {
      if (complete.contains(s.getModelId())) {
        scores.add(CompositeKey.of(s.getModelId(), s.getBenchmarkId()));
      }
    }
    return ExportCoverage.of(corpus, complete, frames.get(corpus), neighbors, analytics.get(corpus), scores.size());
  }
}

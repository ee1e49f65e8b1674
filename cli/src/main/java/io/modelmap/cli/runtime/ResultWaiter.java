package io.modelmap.cli.runtime;

import io.modelmap.producer.kafka.ConnectionConfig;
import io.modelmap.producer.kafka.TopicReader;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.NeighborList;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Waits until the aggregator has published results for every expected model: complete rows with
 * their final neighbour lists, incomplete rows with their progress at the expected count.
 */
public final class ResultWaiter {
  private final ConnectionConfig connection;
  private final PrintStream progress;
  private final Clock clock;

  public ResultWaiter(ConnectionConfig connection, PrintStream progress, Clock clock) {
    this.connection = connection;
    this.progress = progress;
    this.clock = clock;
  }

  /** {@code expectedScored}: model id → texts it should end with; {@code corpusSize} marks complete rows. */
  public void await(Map<String, Integer> expectedScored, int corpusSize, Duration timeout)
      throws TimeoutException, InterruptedException {
    TopicReader reader = new TopicReader(connection);
    long deadline = clock.millis() + timeout.toMillis();
    long lastReport = 0;
    while (true) {
      Map<String, ModelCoordinates> coordinates = reader.latestByKey(connection.topics().modelCoordinates());
      Map<String, NeighborList> neighbors = reader.latestByKey(connection.topics().modelNeighbors());
      long done = expectedScored.entrySet().stream()
          .filter(e -> isDone(e.getKey(), e.getValue(), corpusSize, coordinates, neighbors)).count();
      if (done == expectedScored.size()) {
        progress.printf("  results published for all %d models%n", done);
        return;
      }
      if (clock.millis() - lastReport > 2000) {
        long scored = expectedScored.keySet().stream().map(coordinates::get)
            .mapToLong(c -> c == null ? 0 : c.getTextsScored()).sum();
        long total = expectedScored.values().stream().mapToLong(Integer::longValue).sum();
        progress.printf("  %d of %d models mapped; %d of %d scores aggregated (%.0f%%)%n", done,
            expectedScored.size(), scored, total, 100.0 * scored / Math.max(1, total));
        lastReport = clock.millis();
      }
      if (clock.millis() > deadline) {
        throw new TimeoutException("the aggregator published results for " + done + " of " + expectedScored.size()
            + " models within " + timeout + "; check its log and the -dlq topics");
      }
      Thread.sleep(500); // polling a remote system: there is no condition object to wait on
    }
  }

  private static boolean isDone(String model, int expected, int corpusSize, Map<String, ModelCoordinates> coords,
      Map<String, NeighborList> neighbors) {
    ModelCoordinates c = coords.get(model);
    if (c == null || c.getTextsScored() != expected) {
      return false;
    }
    if (expected < corpusSize) {
      return true;
    }
    NeighborList n = neighbors.get(model);
    return c.getComplete() && n != null && !n.getProvisional();
  }
}

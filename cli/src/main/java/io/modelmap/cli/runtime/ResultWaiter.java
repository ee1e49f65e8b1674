package io.modelmap.cli.runtime;

import io.modelmap.cli.terminal.Plural;
import io.modelmap.cli.terminal.ProgressLine;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.LatestByKey;
import io.modelmap.kafka.Waiter;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.NeighborList;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Waits until the aggregator has published results for every expected model: complete rows with
 * their final neighbour lists, incomplete rows with their progress at the expected count.
 */
public final class ResultWaiter {
  private final KafkaConnection connection;
  private final PrintStream progress;
  private final Clock clock;
  private final LongSupplier tokens;
  private final Supplier<Optional<String>> scorerWork;
  /** The parts of this process the results come from, by name: none in the base waiter. */
  private final Map<String, java.util.function.BooleanSupplier> parts;

  public ResultWaiter(KafkaConnection connection, PrintStream progress, Clock clock) {
    this(connection, progress, clock, null, Optional::empty, Map.of());
  }

  private ResultWaiter(KafkaConnection connection, PrintStream progress, Clock clock, LongSupplier tokens,
      Supplier<Optional<String>> scorerWork, Map<String, java.util.function.BooleanSupplier> parts) {
    this.connection = connection;
    this.progress = progress;
    this.clock = clock;
    this.tokens = tokens;
    this.scorerWork = scorerWork;
    this.parts = parts;
  }

  /**
   * The same waiter with a local scorer: tokens/s (from the tokens it scored so far) on each progress line, and,
   * while no text moves, what it is busy with ({@code currentWork}, empty when idle) instead of "stalled".
   */
  public ResultWaiter withLocalScorer(LongSupplier tokensScored, Supplier<Optional<String>> currentWork) {
    return new ResultWaiter(connection, progress, clock, tokensScored, currentWork, parts);
  }

  /**
   * The same waiter, failing at once when {@code part} of this process (the local scorer, the embedded
   * aggregator) stops: no result would come.
   */
  public ResultWaiter whileRunning(String part, java.util.function.BooleanSupplier running) {
    Map<String, java.util.function.BooleanSupplier> more = new java.util.LinkedHashMap<>(parts);
    more.put(part, running);
    return new ResultWaiter(connection, progress, clock, tokens, scorerWork, more);
  }

  /**
   * {@code expectedScored}: model id → texts it should end with; {@code corpusSize} marks complete rows.
   * A model whose score tasks the scorer dead-lettered (it refused the model, or its tasks failed every
   * attempt), or whose registration or scores the aggregator dead-lettered, will never come: it is reported at
   * once and no longer waited for. When no model is left to wait for and none was mapped, the run can no longer
   * finish: {@link CannotFinish} names every model with its reason at once. Returns the refused models, each with
   * its reason.
   */
  public Map<String, String> await(Map<String, Integer> expectedScored, int corpusSize, Duration timeout)
      throws TimeoutException, InterruptedException {
    Map<String, String> refused = new TreeMap<>();
    ScoringPace pace = new ScoringPace(clock, tokens, scorerWork);
    try (DeadLetterReasons deadLetters = new DeadLetterReasons(connection);
        LatestByKey<String, ModelCoordinates> coordinatesRead =
            new LatestByKey<>(connection, connection.topics().modelCoordinates());
        LatestByKey<String, NeighborList> neighborsRead = new LatestByKey<>(connection, connection.topics().modelNeighbors())) {
      Waiter.of(ProgressLine.on(progress, clock), clock).until(() -> {
        parts.forEach((part, running) -> {
          if (!running.getAsBoolean()) {
            throw new IllegalStateException("the " + part + " stopped, so no more results come; its log says why");
          }
        });
        List<String> notes = new ArrayList<>();
        deadLetters.newModels(expectedScored.keySet()).forEach((model, refusal) -> {
          if (refused.putIfAbsent(model, refusal.toString()) == null) {
            notes.add("  refused by " + refusal.by() + ": " + model + ": " + refusal.message());
          }
        });
        if (refused.size() == expectedScored.size()) {
          throw new CannotFinish(cannotFinish(refused), notes); // the waiter shows the notes first
        }
        Map<String, ModelCoordinates> coordinates = coordinatesRead.current();
        Map<String, NeighborList> neighbors = neighborsRead.current();
        long done = expectedScored.entrySet().stream().filter(e -> !refused.containsKey(e.getKey()))
            .filter(e -> isDone(e.getKey(), e.getValue(), corpusSize, coordinates, neighbors)).count();
        if (done + refused.size() == expectedScored.size()) {
          return new Waiter.Status(true, "  results published for " + (refused.isEmpty() ? "all " : "the ")
              + Plural.of(done, "model") + (refused.isEmpty() ? "" : " the scorer accepted; " + refused.size()
              + " refused"), null, 1, notes);
        }
        long scored = expectedScored.keySet().stream().map(coordinates::get)
            .mapToLong(c -> c == null ? 0 : c.getTextsScored()).sum();
        long total = expectedScored.values().stream().mapToLong(Integer::longValue).sum();
        double fraction = (double) scored / Math.max(1, total);
        return new Waiter.Status(false, String.format(Locale.ROOT, "  %d of %s mapped; %d of %s scored (%.0f%%)%s",
            done, Plural.of(expectedScored.size(), "model"), scored, Plural.of(total, "text"), 100 * fraction,
            pace.describe(scored, total)),
            String.format("%d of %d models mapped and %d of %d texts scored when the time was up; nothing more was"
                + " refused, so scoring was still going: give more time with --timeout (e.g. --timeout 2h)%s",
                done, expectedScored.size(), scored, total,
                refused.isEmpty() ? "" : "; " + refused.size() + " refused: " + cannotFinishList(refused)),
            fraction, notes);
      }, timeout);
    }
    return refused;
  }

  /** The sentence of a map none of whose models can be mapped. */
  static String cannotFinish(Map<String, String> refused) {
    return (refused.size() == 1 ? "the only model cannot be mapped: "
          : "none of the " + refused.size() + " models can be mapped: ") + cannotFinishList(refused);
  }

  private static String cannotFinishList(Map<String, String> refused) {
    StringBuilder list = new StringBuilder();
    refused.forEach((model, reason) -> list.append(list.isEmpty() ? "" : "; ").append(model).append(" was ")
        .append(reason));
    return list.toString();
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

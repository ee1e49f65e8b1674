package io.modelmap.aggregator.matrix;

import static io.modelmap.aggregator.matrix.MatrixProcessorFixture.CORPUS;
import static io.modelmap.aggregator.matrix.MatrixProcessorFixture.N;
import static io.modelmap.aggregator.matrix.MatrixProcessorFixture.newProcessor;
import static io.modelmap.aggregator.matrix.MatrixProcessorFixture.registration;
import static io.modelmap.aggregator.matrix.MatrixProcessorFixture.text;
import static io.modelmap.aggregator.matrix.MatrixProcessorFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.aggregator.app.RevivableTask;
import io.modelmap.aggregator.ingest.SourceCoordinates;
import io.modelmap.schemas.avro.ModelCoordinates;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * The registrations the matrix has read outlive a restart: a new processor instance on the committed
 * stores (what a restarted aggregator has; a {@code TopologyTestDriver} deletes its state when closed)
 * applies the scores parked for a model registered before the stop, and the scores of a model
 * registered before the stop at once.
 */
class MatrixProcessorRegistrationTest {
  private static final String GHOST = "acme/registered-late";

  private long offset;

  /** Scores as read from text-scores at the next offset (parked records are keyed and ordered by it). */
  private Record<String, SpecificRecord> scores(String model, int from, int to, double shift) {
    RecordHeaders headers = new RecordHeaders();
    new SourceCoordinates("text-scores", 0, offset++).writeTo(headers);
    return MatrixProcessorFixture.scores(model, from, to, shift).withHeaders(headers);
  }

  private static Optional<ModelCoordinates> completed(MockProcessorContext<String, SpecificRecord> context, String model) {
    return context.forwarded().stream().map(f -> f.record().value())
        .filter(v -> v instanceof ModelCoordinates c && c.getComplete() && c.getModelId().equals(model))
        .map(ModelCoordinates.class::cast).findFirst();
  }

  private static boolean forwardedAnything(MockProcessorContext<String, SpecificRecord> context, String model) {
    return context.forwarded().stream().map(f -> f.record().value()).anyMatch(v -> v.toString().contains(model));
  }

  @Test
  void shouldApplyScoresParkedBeforeARestartOnceTheirModelIsRegisteredAfterIt() throws Exception {
    RevivableTask task = new RevivableTask(MatrixTestStores::empty);
    MatrixProcessor before = newProcessor();
    MockProcessorContext<String, SpecificRecord> first = task.start();
    before.init(first);
    for (int s = 0; s < N; s++) {
      before.process(text(s));
    }
    before.process(registration("acme/base"));
    before.process(scores("acme/base", 0, N, 0));
    before.process(scores(GHOST, 0, 2, 0.5));
    before.process(scores(GHOST, 2, N, 0.5));
    before.process(scores(GHOST, 0, 1, 3)); // a re-score that differs: the first value must win
    assertThat(forwardedAnything(first, GHOST)).as("nothing of an unregistered model").isFalse();
    before.process(registration("acme/early"));
    task.commit();
    before.close();

    MatrixProcessor after = newProcessor(); // a restart: nothing in memory, the stores as committed
    MockProcessorContext<String, SpecificRecord> restarted = task.revive();
    after.init(restarted);
    after.process(registration(GHOST)); // the parked scores, read back from the store, apply at once

    ModelCoordinates ghost = completed(restarted, GHOST).orElseThrow();
    double firstValues = IntStream.range(0, N).mapToDouble(s -> value(s, 0.5)).average().orElseThrow();
    assertThat(ghost.getMeanLogLikelihood()).isCloseTo(firstValues, within(1e-9));
    after.process(scores("acme/early", 0, N, 1));
    assertThat(completed(restarted, "acme/early")).as("registered before the restart: applied at once").isPresent();
    after.close();
  }

  @Test
  void shouldCompleteARowFilledBeforeRegistrationsWereChecked() throws Exception {
    RevivableTask task = new RevivableTask(MatrixTestStores::empty);
    MockProcessorContext<String, SpecificRecord> context = task.start();
    for (int s = 0; s < N; s++) { // stores written by a version that applied every model's scores
      MatrixStores.texts(context).put(MatrixStores.inCorpus(CORPUS, "doc#" + s), MatrixStores.textValue(s, N, 900, "c"));
    }
    MatrixStores.scores(context).put(MatrixStores.scoreKey(CORPUS, "acme/old", 0),
        MatrixStores.scoresValue(new int[] {0, 1}, new double[] {value(0, 1), value(1, 1)}, 2));
    MatrixProcessor processor = newProcessor();
    processor.init(context);
    processor.process(registration("acme/base"));
    processor.process(scores("acme/base", 0, N, 0));

    processor.process(scores("acme/old", 2, N, 1));

    assertThat(completed(context, "acme/old")).as("its row completes").isPresent();
    processor.close();
  }
}

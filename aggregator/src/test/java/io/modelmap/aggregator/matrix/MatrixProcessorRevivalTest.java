package io.modelmap.aggregator.matrix;

import static io.modelmap.aggregator.matrix.MatrixProcessorFixture.N;
import static io.modelmap.aggregator.matrix.MatrixProcessorFixture.newProcessor;
import static io.modelmap.aggregator.matrix.MatrixProcessorFixture.registration;
import static io.modelmap.aggregator.matrix.MatrixProcessorFixture.scores;
import static io.modelmap.aggregator.matrix.MatrixProcessorFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.aggregator.app.RevivableTask;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.NeighborList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once revives a task closed dirty (TaskCorruptedException, a fenced producer) with the same
 * processor instance: its stores are back at the last commit and the records after it are replayed.
 * The revived processor must count the replayed scores and publish the completion again.
 */
class MatrixProcessorRevivalTest {
  @Test
  void shouldCountReplayedScoresAndPublishTheCompletionAgainAfterARevival() throws Exception {
    MatrixProcessor processor = newProcessor();
    RevivableTask task = new RevivableTask(MatrixTestStores::empty);
    MockProcessorContext<String, SpecificRecord> first = task.start();
    processor.init(first);
    for (int s = 0; s < N; s++) {
      processor.process(text(s));
    }
    processor.process(registration("acme/base"));
    processor.process(registration("acme/ft"));
    processor.process(scores("acme/base", 0, N, 0));
    processor.process(scores("acme/ft", 0, 2, 0.5));
    task.commit();
    // the rest of acme/ft completes it, in a transaction that is then aborted
    processor.process(scores("acme/ft", 2, N, 0.5));
    assertThat(completions(first)).as("the aborted transaction published the completion").contains("acme/ft");

    MockProcessorContext<String, SpecificRecord> revived = task.revive();
    processor.init(revived);
    processor.process(scores("acme/ft", 2, N, 0.5));

    assertThat(completions(revived)).as("the replay completes the row again").containsExactly("acme/ft");
    NeighborList neighbors = revived.forwarded().stream().map(f -> f.record().value())
        .filter(v -> v instanceof NeighborList n && n.getModelId().equals("acme/ft")).map(NeighborList.class::cast)
        .reduce((a, b) -> b).orElseThrow();
    assertThat(neighbors.getProvisional()).isFalse();
    assertThat(neighbors.getNeighbors().get(0).getOverlap()).isEqualTo(N);
  }

  private static List<String> completions(MockProcessorContext<String, SpecificRecord> context) {
    return context.forwarded().stream().map(f -> f.record().value())
        .filter(v -> v instanceof ModelCoordinates c && c.getComplete()).map(v -> ((ModelCoordinates) v).getModelId())
        .filter(id -> !id.equals("acme/base")).toList();
  }
}

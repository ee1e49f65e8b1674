package io.modelmap.aggregator.app;

import static io.modelmap.aggregator.app.AggregatorHarness.chunk;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.testsupport.records.WireBytes;
import java.util.List;
import java.util.OptionalDouble;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The length bombs of issue 26 against the whole topology: a 20-byte text-scores record and a 28-byte
 * model-registered record, framed with the right schema id, whose first collection claims
 * 2,147,483,639 items. The decoder used to allocate for the claim (OutOfMemoryError, the stream
 * thread dead on every restart); now each is dead-lettered {@code undecodable} and what follows is served.
 */
class LengthBombsTopologyTest {
  @Test
  void shouldDeadLetterTheTextScoresBombAndMapTheScoresAfterIt() throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      int id = WireBytes.schemaId(h.topics.textScores().valueSerde().serializer().serialize("text-scores",
          chunk("warm-up", new double[] {-1}, 0, 1)));
      byte[] bomb = WireBytes.framed(id).string("m1").string("c1").string("t12").claim().toByteArray();
      assertThat(bomb).hasSize(20);

      h.rawScores.pipeInput("m1", bomb);
      h.publishCorpus(2);
      h.register(List.of("acme/a", "acme/b"));
      h.scores.pipeInput("acme/a", chunk("acme/a", new double[] {-10, -12}, 0, 2));
      h.scores.pipeInput("acme/b", chunk("acme/b", new double[] {-11, -12}, 0, 2));

      List<DeadLetter> letters = h.deadLetters("text-scores");
      assertThat(letters).hasSize(1);
      assertThat(letters.get(0).getErrorClass()).isEqualTo("undecodable");
      assertThat(letters.get(0).getMessage()).contains("claims 2147483639 items");
      assertThat(letters.get(0).getOriginalValue().array()).isEqualTo(bomb);
      assertThat(h.latestNeighbors()).as("the models scored after the bomb are mapped").containsKeys("acme/a", "acme/b");
    }
  }

  @Test
  void shouldKeepServingRegistrationsAfterTheModelRegisteredBomb() throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      var registrations = h.input(h.topics.modelRegistered());
      ModelRegistered good = ModelRegistered.newBuilder().setModelId("acme/after").setSourceUri("file:/m")
          .setCorpusId("c").build();
      int id = WireBytes.schemaId(h.topics.modelRegistered().valueSerde().serializer().serialize("model-registered", good));
      byte[] bomb = WireBytes.framed(id).string("m").string("file:m").raw(0, 0).string("f32").raw(0, 0, 0).claim()
          .toByteArray();
      assertThat(bomb).hasSize(28);

      h.driver.createInputTopic("model-registered", Serdes.String().serializer(), Serdes.ByteArray().serializer())
          .pipeInput("m", bomb);
      registrations.pipeInput("acme/after", good);

      // (TopologyTestDriver drops the handler's dead letters: UndecodableViewRecordsTest checks them)
      KeyValueStore<String, Object> view = h.driver.getKeyValueStore("view-registered");
      assertThat(view.get("acme/after")).isNotNull();
      assertThat(view.get("m")).isNull();
    }
  }
}

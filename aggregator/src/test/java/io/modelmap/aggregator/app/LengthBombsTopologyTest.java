package io.modelmap.aggregator.app;

import static io.modelmap.aggregator.app.AggregatorHarness.chunk;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.TextScores;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
  private static final long CLAIM = Integer.MAX_VALUE - 8;

  @Test
  void shouldDeadLetterTheTextScoresBombAndMapTheScoresAfterIt() throws Exception {
    try (AggregatorHarness h = new AggregatorHarness(OptionalDouble.empty())) {
      int id = schemaId(h.topics.textScores().valueSerde().serializer().serialize("text-scores",
          chunk("warm-up", new double[] {-1}, 0, 1)));
      byte[] bomb = bomb(id, str("m1"), str("c1"), str("t12"));
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
      int id = schemaId(h.topics.modelRegistered().valueSerde().serializer().serialize("model-registered", good));
      byte[] bomb = bomb(id, str("m"), str("file:m"), new byte[] {0, 0}, str("f32"), new byte[] {0, 0, 0});
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

  private static int schemaId(byte[] framed) {
    return ByteBuffer.wrap(framed, 1, 4).getInt();
  }

  private static byte[] bomb(int schemaId, byte[]... fieldsBefore) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
    for (byte[] field : fieldsBefore) {
      out.writeBytes(field);
    }
    writeLong(out, CLAIM);
    return out.toByteArray();
  }

  private static byte[] str(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    writeLong(out, utf8.length);
    out.writeBytes(utf8);
    return out.toByteArray();
  }

  private static void writeLong(ByteArrayOutputStream out, long value) {
    long n = (value << 1) ^ (value >> 63);
    while ((n & ~0x7FL) != 0) {
      out.write((int) ((n & 0x7f) | 0x80));
      n >>>= 7;
    }
    out.write((int) n);
  }
}

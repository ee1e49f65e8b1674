package io.modelmap.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.ScoreTask;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.registry.InMemorySchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Records of a few bytes, correctly framed with the right schema id, whose first array (or map)
 * claims 2,147,483,639 items: Avro's decoder allocated for the claim and threw OutOfMemoryError, which
 * no {@code catch (RuntimeException)} stops. They must be refused as undecodable, allocating nothing.
 */
class LengthBombsTest {
  /** Avro's own cap (the VM's array limit): the largest claim its decoder lets through. */
  static final long CLAIM = Integer.MAX_VALUE - 8;
  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void shouldRefuseTheTwentyByteTextScoresBomb() {
    byte[] bomb = bomb(TextScores.class, "text-scores", str("m1"), str("c1"), str("t12"));
    assertThat(bomb).hasSize(20);
    assertRefused(TextScores.class, "text-scores", bomb, "claims 2147483639 items");
  }

  @Test
  void shouldRefuseTheTwentyEightByteModelRegisteredBomb() {
    byte[] bomb = bomb(ModelRegistered.class, "model-registered", str("m"), str("file:m"), new byte[] {0, 0},
        str("f32"), new byte[] {0, 0, 0});
    assertThat(bomb).hasSize(28);
    assertRefused(ModelRegistered.class, "model-registered", bomb, "map claims 2147483639 items");
  }

  @Test
  void shouldRefuseTheTwentyFourByteScoreTaskBomb() {
    // taskId, modelId, sourceUri, revision (the null branch), dtype, corpusId, then textIds' claim
    byte[] bomb = bomb(ScoreTask.class, "score-tasks", str("t"), str("m"), str("s"), new byte[] {0}, str("f32"),
        str("cc"));
    assertThat(bomb).hasSize(24);
    assertRefused(ScoreTask.class, "score-tasks", bomb, "claims 2147483639 items");
  }

  @Test
  void shouldRefuseAStringLongerThanTheRecord() {
    ByteArrayOutputStream claim = new ByteArrayOutputStream();
    writeLong(claim, CLAIM);
    byte[] record = frame(id(CoordinateFrame.class, "coordinate-frame"), claim.toByteArray());
    assertRefused(CoordinateFrame.class, "coordinate-frame", record, "string claims 2147483639 bytes");
  }

  @Test
  void shouldStillDecodeRecordsThatHoldWhatTheyClaim() {
    TextScores scores = TextScores.newBuilder().setModelId("m").setCorpusId("c").setTaskId("t")
        .setScores(java.util.List.of(io.modelmap.schemas.avro.TextScore.newBuilder().setTextId("x")
            .setLogLikelihood(-1.5).setTokensScored(3).build())).build();
    byte[] bytes = new ConfluentAvroSerializer<TextScores>(registry, false).serialize("text-scores", scores);
    assertThat(new ConfluentAvroDeserializer<>(registry, TextScores.class).deserialize("text-scores", bytes))
        .isEqualTo(scores);
  }

  private <T extends SpecificRecord> void assertRefused(Class<T> type, String topic, byte[] bomb, String why) {
    Throwable thrown = catchThrowable(() -> new ConfluentAvroDeserializer<>(registry, type).deserialize(topic, bomb));
    assertThat(thrown).isInstanceOf(SerializationException.class).hasMessageContaining(why);
  }

  private byte[] bomb(Class<? extends SpecificRecord> type, String topic, byte[]... fieldsBefore) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] field : fieldsBefore) {
      out.writeBytes(field);
    }
    writeLong(out, CLAIM);
    return frame(id(type, topic), out.toByteArray());
  }

  private int id(Class<? extends SpecificRecord> type, String topic) {
    return registry.register(SubjectNaming.subject(topic, false), SpecificData.get().getSchema(type));
  }

  private static byte[] frame(int id, byte[] payload) {
    return WireFormat.frame(id, payload);
  }

  static byte[] str(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    writeLong(out, utf8.length);
    out.writeBytes(utf8);
    return out.toByteArray();
  }

  /** Avro's zig-zag varint. */
  static void writeLong(ByteArrayOutputStream out, long value) {
    long n = (value << 1) ^ (value >> 63);
    while ((n & ~0x7FL) != 0) {
      out.write((int) ((n & 0x7f) | 0x80));
      n >>>= 7;
    }
    out.write((int) n);
  }
}

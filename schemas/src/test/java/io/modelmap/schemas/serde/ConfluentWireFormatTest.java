package io.modelmap.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.registry.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {

  /** A registry that hands out fixed ids, enough to check the bytes of one class. */
  private static final class FixedIdRegistry implements SchemaRegistryClient {
    final Map<Integer, Schema> byId = new HashMap<>();
    final Map<String, Schema> registered = new HashMap<>();

    @Override
    public int register(String subject, Schema schema) {
      registered.put(subject, schema);
      byId.put(258, schema);
      return 258;
    }

    @Override
    public Schema schemaById(int id) {
      Schema schema = byId.get(id);
      if (schema == null) {
        throw new SerializationException("unknown schema id " + id);
      }
      return schema;
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
      return true;
    }
  }

  private static TextChunk chunk() {
    return TextChunk.newBuilder().setCorpusId("c").setTextId("t").setIndex(1).setCorpusSize(2)
        .setText("ab").setCategory("x").setByteLength(2).build();
  }

  // Avro binary of the chunk, written out by hand: strings are zig-zag length + bytes, ints zig-zag,
  // the union index 1 selects string for the nullable text.
  private static final byte[] HAND_BUILT = {
      0, 0, 0, 1, 2,          // magic 0, schema id 258 big-endian
      2, 'c',                 // corpusId "c"
      2, 't',                 // textId "t"
      2,                      // index 1
      4,                      // corpusSize 2
      2, 4, 'a', 'b',         // text: union branch 1, "ab"
      2, 'x',                 // category "x"
      4                       // byteLength 2
  };

  @Test
  void shouldWriteMagicByteSchemaIdAndAvroBinary() {
    FixedIdRegistry registry = new FixedIdRegistry();

    byte[] bytes = new ConfluentAvroSerializer<TextChunk>(registry, false).serialize("corpus-texts", chunk());

    assertThat(bytes).containsExactly(HAND_BUILT);
    assertThat(registry.registered).containsKey("corpus-texts-value");
  }

  @Test
  void shouldReadHandBuiltBytes() {
    FixedIdRegistry registry = new FixedIdRegistry();
    registry.byId.put(258, TextChunk.getClassSchema());

    TextChunk read = new ConfluentAvroDeserializer<>(registry, TextChunk.class).deserialize("corpus-texts", HAND_BUILT);

    assertThat(read).isEqualTo(chunk());
  }

  @Test
  void shouldRoundTripDoubleArraysAtFullPrecision() {
    // Avro 1.12.0 narrowed array<double> elements to float on read (AVRO-4108); coordinates need every bit.
    FixedIdRegistry registry = new FixedIdRegistry();
    var frame = io.modelmap.schemas.avro.CoordinateFrame.newBuilder().setCorpusId("c").setVersion(1)
        .setModelCount(1).setColumnMeans(java.util.List.of(40.001, -1e-300, Math.PI)).setMeanTextBytes(972.3188)
        .build();
    byte[] bytes = new ConfluentAvroSerializer<io.modelmap.schemas.avro.CoordinateFrame>(registry, false)
        .serialize("coordinate-frame", frame);

    var read = new ConfluentAvroDeserializer<>(registry, io.modelmap.schemas.avro.CoordinateFrame.class)
        .deserialize("coordinate-frame", bytes);

    assertThat(read.getColumnMeans()).containsExactly(40.001, -1e-300, Math.PI);
  }

  @Test
  void shouldRejectWrongMagicByte() {
    byte[] bytes = HAND_BUILT.clone();
    bytes[0] = 1;

    assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(new FixedIdRegistry(), TextChunk.class)
        .deserialize("corpus-texts", bytes))
        .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte");
  }

  @Test
  void shouldRejectTruncatedRecord() {
    FixedIdRegistry registry = new FixedIdRegistry();
    registry.byId.put(258, TextChunk.getClassSchema());
    byte[] truncated = java.util.Arrays.copyOf(HAND_BUILT, 9);

    assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(registry, TextChunk.class)
        .deserialize("corpus-texts", truncated))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void shouldRejectUnknownSchemaId() {
    assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(new FixedIdRegistry(), TextChunk.class)
        .deserialize("corpus-texts", HAND_BUILT))
        .isInstanceOf(SerializationException.class).hasMessageContaining("258");
  }
}

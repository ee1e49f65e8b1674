package io.modelmap.aggregator.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.registry.InMemorySchemaRegistryClient;
import io.modelmap.schemas.registry.RegistryUnavailableException;
import io.modelmap.schemas.registry.SchemaRegistryClient;
import io.modelmap.schemas.registry.SchemaRegistryException;
import io.modelmap.schemas.serde.ConfluentAvroDeserializer;
import io.modelmap.schemas.serde.ConfluentAvroSerializer;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AdmissionTest {
  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final byte[] valid = new ConfluentAvroSerializer<TextChunk>(registry, false).serialize("corpus-texts",
      TextChunk.newBuilder().setCorpusId("pile").setTextId("doc 1#0").setIndex(0).setCorpusSize(1).setByteLength(3)
          .build());

  /** A registry that answers every call with {@code failure}. */
  private static SchemaRegistryClient failing(SchemaRegistryException failure) {
    return new SchemaRegistryClient() {
      @Override
      public int register(String subject, Schema schema) {
        throw failure;
      }

      @Override
      public Schema schemaById(int id) {
        throw failure;
      }

      @Override
      public boolean isCompatible(String subject, Schema schema) {
        throw failure;
      }
    };
  }

  private static Admission<TextChunk> admit(SchemaRegistryClient registry, byte[] bytes) {
    return Admission.of(new ConfluentAvroDeserializer<>(registry, TextChunk.class), new TextChunkValidator(),
        "corpus-texts", "pile/doc 1#0", bytes);
  }

  @Test
  void shouldAcceptAValidRecord() {
    assertThat(admit(registry, valid).accepted()).isTrue();
  }

  @Test
  void shouldThrowRatherThanDeadLetterWhileTheRegistryIsUnreachableOrFailing() {
    for (SchemaRegistryException outage : new SchemaRegistryException[] {
        new SchemaRegistryException("cannot reach", new java.net.ConnectException("refused")),
        new SchemaRegistryException("HTTP 503", 503), new SchemaRegistryException("internal", 50001)}) {
      assertThatThrownBy(() -> admit(failing(outage), valid)).isInstanceOf(RegistryUnavailableException.class);
    }
  }

  @Test
  void shouldDeadLetterAnIdTheRegistryDoesNotKnow() {
    Admission<TextChunk> admission = admit(failing(new SchemaRegistryException("Schema not found", 40403)), valid);
    assertThat(admission.accepted()).isFalse();
    assertThat(admission.rejection().rule()).isEqualTo("undecodable");
    assertThat(admission.rejection().message()).contains("not in the registry");
  }
}

package io.modelmap.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.TextChunk;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The embedded registry over real HTTP, driven by the REST client, with an in-memory log. */
class EmbeddedSchemaRegistryTest {

  @Test
  void shouldRegisterAndServeSchemasById() throws Exception {
    try (EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(new InMemorySchemaLog(), 0)) {
      RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());

      int id = client.register("corpus-texts-value", TextChunk.getClassSchema());
      int again = new RestSchemaRegistryClient(registry.url()).register("corpus-texts-value", TextChunk.getClassSchema());
      int other = client.register("model-registered-value", ModelRegistered.getClassSchema());

      assertThat(again).isEqualTo(id);
      assertThat(other).isNotEqualTo(id);
      assertThat(new RestSchemaRegistryClient(registry.url()).schemaById(id)).isEqualTo(TextChunk.getClassSchema());
    }
  }

  @Test
  void shouldGiveEqualSchemasTheSameIdAcrossSubjects() throws Exception {
    try (EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(new InMemorySchemaLog(), 0)) {
      RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());

      assertThat(client.register("a-value", TextChunk.getClassSchema()))
          .isEqualTo(client.register("b-value", TextChunk.getClassSchema()));
    }
  }

  @Test
  void shouldRestoreStateFromItsLog() throws Exception {
    InMemorySchemaLog log = new InMemorySchemaLog();
    int id;
    try (EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(log, 0)) {
      id = new RestSchemaRegistryClient(registry.url()).register("corpus-texts-value", TextChunk.getClassSchema());
    }
    try (EmbeddedSchemaRegistry restarted = new EmbeddedSchemaRegistry(log, 0)) {
      assertThat(new RestSchemaRegistryClient(restarted.url()).schemaById(id)).isEqualTo(TextChunk.getClassSchema());
    }
  }

  @Test
  void shouldRefuseBackwardIncompatibleSchema() throws Exception {
    Schema v1 = SchemaBuilder.record("R").fields().requiredString("a").endRecord();
    Schema addsRequiredField = SchemaBuilder.record("R").fields().requiredString("a").requiredInt("b").endRecord();
    Schema addsDefaultedField = SchemaBuilder.record("R").fields().requiredString("a")
        .name("b").type().intType().intDefault(0).endRecord();
    try (EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(new InMemorySchemaLog(), 0)) {
      RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());
      client.register("r-value", v1);

      assertThat(client.isCompatible("r-value", addsRequiredField)).isFalse();
      assertThat(client.isCompatible("r-value", addsDefaultedField)).isTrue();
      assertThat(client.isCompatible("new-subject", addsRequiredField)).isTrue();
      assertThatThrownBy(() -> client.register("r-value", addsRequiredField))
          .isInstanceOf(SchemaRegistryException.class).hasMessageContaining("409");
    }
  }

  @Test
  void shouldAnswerUnknownIdWithConfluentErrorCode() throws Exception {
    try (EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(new InMemorySchemaLog(), 0)) {
      assertThatThrownBy(() -> new RestSchemaRegistryClient(registry.url()).schemaById(99))
          .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    }
  }
}

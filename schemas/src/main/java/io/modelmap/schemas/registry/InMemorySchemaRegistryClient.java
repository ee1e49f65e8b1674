package io.modelmap.schemas.registry;

import org.apache.avro.Schema;

/**
 * A registry held in memory, with the embedded registry's id and compatibility rules. For unit
 * tests of one class and {@code TopologyTestDriver} runs; services talk to a real registry.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {
  private final SchemaRegistryState state = new SchemaRegistryState();

  @Override
  public synchronized int register(String subject, Schema schema) {
    return state.find(subject, schema).orElseGet(() -> {
      if (!state.isCompatibleWithLatest(subject, schema)) {
        throw new SchemaRegistryException("schema is incompatible with the latest version of " + subject, 409);
      }
      RegisteredSchema next = state.nextVersion(subject, schema);
      state.apply(next);
      return next;
    }).id();
  }

  @Override
  public Schema schemaById(int id) {
    return state.schemaById(id).orElseThrow(() -> new SchemaRegistryException("schema " + id + " not found", 40403));
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    return state.isCompatibleWithLatest(subject, schema);
  }
}

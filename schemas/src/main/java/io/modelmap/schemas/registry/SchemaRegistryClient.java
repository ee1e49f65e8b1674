package io.modelmap.schemas.registry;

import org.apache.avro.Schema;

/** What the serde needs from a schema registry. */
public interface SchemaRegistryClient {

  /** Registers (or finds) the schema under the subject and returns its global id. */
  int register(String subject, Schema schema);

  /** The schema with this global id. */
  Schema schemaById(int id);

  /** Whether the schema may be registered next under the subject (the registry's compatibility level). */
  boolean isCompatible(String subject, Schema schema);
}

package io.modelmap.schemas.serde;

import io.modelmap.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Builds value serdes of specific Avro records in the Confluent wire format. */
public final class AvroSerdes {
  private AvroSerdes() {}

  public static <T extends SpecificRecord> Serde<T> value(SchemaRegistryClient registry, Class<T> type) {
    return Serdes.serdeFrom(
        new ConfluentAvroSerializer<>(registry, false), new ConfluentAvroDeserializer<>(registry, type));
  }
}

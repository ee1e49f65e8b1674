package io.modelmap.schemas.serde;

import io.modelmap.schemas.registry.RegistryUnavailableException;
import io.modelmap.schemas.registry.SchemaRegistryClient;
import io.modelmap.schemas.registry.SchemaRegistryException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro into a specific record, resolving the writer's schema (looked up by id)
 * against the reader's, so records written with older or newer compatible schemas still decode.
 */
public final class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
  private final SchemaRegistryClient registry;
  private final Schema readerSchema;
  private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();

  public ConfluentAvroDeserializer(SchemaRegistryClient registry, Class<T> type) {
    this.registry = registry;
    this.readerSchema = SpecificData.get().getSchema(type);
  }

  /**
   * The writer's schema. An id the registry does not know makes the record undecodable; a registry
   * that cannot answer makes it unreadable for now ({@link RegistryUnavailableException}), not bad.
   */
  private Schema writerSchema(String topic, int id) {
    try {
      return registry.schemaById(id);
    } catch (SchemaRegistryException e) {
      if (e.isTransient()) {
        throw new RegistryUnavailableException("schema id " + id + " of a record on " + topic
            + " cannot be looked up now: " + e.getMessage(), e);
      }
      throw new SerializationException("schema id " + id + " of a record on " + topic + " is not in the registry ("
          + e.getMessage() + ")", e);
    }
  }

  /**
   * The record in {@code data}, or a {@link SerializationException} saying why the bytes are not one:
   * whatever the bytes make the decoder throw, short of a failure of the JVM itself, is a bad record.
   * Lengths are checked against the record's bytes before anything is allocated ({@link BoundedBinaryDecoder}).
   */
  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    int id = WireFormat.schemaId(data);
    SpecificDatumReader<T> reader = readersByWriterId.computeIfAbsent(id,
        writerId -> new SpecificDatumReader<>(writerSchema(topic, writerId), readerSchema));
    BoundedBinaryDecoder decoder = new BoundedBinaryDecoder(
        data, WireFormat.HEADER_LENGTH, data.length - WireFormat.HEADER_LENGTH);
    T record;
    try {
      record = reader.read(null, decoder);
    } catch (VirtualMachineError e) {
      throw e; // the JVM is failing, not the record
    } catch (Throwable e) {
      throw new SerializationException("cannot decode Avro " + readerSchema.getFullName() + " with writer schema id "
          + id + " from topic " + topic + ": " + e, e);
    }
    if (!decoder.isEnd()) {
      throw new SerializationException("trailing bytes after the Avro record (schema id " + id + ")");
    }
    return record;
  }
}

package io.modelmap.schemas.serde;

import io.modelmap.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/** Writes a specific Avro record in the Confluent wire format, registering its schema once per subject. */
public final class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
  private final SchemaRegistryClient registry;
  private final boolean isKey;
  private final Map<String, Integer> schemaIdBySubject = new ConcurrentHashMap<>();

  public ConfluentAvroSerializer(SchemaRegistryClient registry, boolean isKey) {
    this.registry = registry;
    this.isKey = isKey;
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    String subject = SubjectNaming.subject(topic, isKey);
    int id = schemaIdBySubject.computeIfAbsent(subject, s -> registry.register(s, record.getSchema()));
    return WireFormat.frame(id, encode(record));
  }

  private static <T extends SpecificRecord> byte[] encode(T record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      new SpecificDatumWriter<T>(record.getSchema()).write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot encode " + record.getSchema().getFullName() + " as Avro", e);
    }
    return out.toByteArray();
  }
}

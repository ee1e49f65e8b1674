package io.modelmap.aggregator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * How a view's values travel between aggregator instances on the internal views port: a JSON array of
 * strings (or one string), each a record's Avro binary encoding in base64, read back into the same typed
 * records; binary because Avro's JSON encoding cannot carry NaN, which the views hold for undefined rates.
 * A whole view travels without its N-long vectors: K·N doubles per request otherwise.
 */
final class ViewWire {
  /** The N-long vector fields (ξ rows, column means), left empty when a whole view travels. */
  static final Set<String> VECTORS = Set.of("xi", "columnMeans");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ViewWire() {}

  /** One value, whole. */
  static byte[] one(SpecificRecord value) {
    return quoted(encode(value)).getBytes(StandardCharsets.UTF_8);
  }

  /** Many values as a JSON array, their vectors left empty. */
  static byte[] all(List<? extends SpecificRecord> values) {
    StringBuilder json = new StringBuilder("[");
    for (SpecificRecord value : values) {
      json.append(json.length() > 1 ? "," : "").append(quoted(encode(withoutVectors(value))));
    }
    return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  static <V extends SpecificRecord> V readOne(byte[] json, Class<V> type) {
    return decode(parse(json).asText(), type);
  }

  static <V extends SpecificRecord> List<V> readAll(byte[] json, Class<V> type) {
    List<V> values = new ArrayList<>();
    for (JsonNode element : parse(json)) {
      values.add(decode(element.asText(), type));
    }
    return values;
  }

  /** A shallow copy with the vector fields empty: the other fields are shared, nothing N-long is copied. */
  static SpecificRecord withoutVectors(SpecificRecord value) {
    Schema schema = value.getSchema();
    if (schema.getFields().stream().noneMatch(f -> VECTORS.contains(f.name()))) {
      return value;
    }
    SpecificRecord copy = (SpecificRecord) SpecificData.get().newRecord(null, schema);
    for (Schema.Field field : schema.getFields()) {
      copy.put(field.pos(), VECTORS.contains(field.name()) ? List.of() : value.get(field.pos()));
    }
    return copy;
  }

  private static String encode(SpecificRecord value) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new SpecificDatumWriter<SpecificRecord>(value.getSchema()).write(value, encoder);
      encoder.flush();
      return Base64.getEncoder().encodeToString(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <V extends SpecificRecord> V decode(String base64, Class<V> type) {
    try {
      return new SpecificDatumReader<>(type).read(null,
          DecoderFactory.get().binaryDecoder(Base64.getDecoder().decode(base64), null));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("a " + type.getSimpleName() + " from another instance did not decode", e);
    }
  }

  private static String quoted(String base64) {
    return '"' + base64 + '"'; // base64 needs no escaping in JSON
  }

  private static JsonNode parse(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("a view's values did not parse as JSON", e);
    }
  }
}

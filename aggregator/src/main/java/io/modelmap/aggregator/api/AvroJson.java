package io.modelmap.aggregator.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/** Avro records as plain maps and lists, for JSON: field names kept, strings as strings, NaN and binary values as null. */
final class AvroJson {
  private AvroJson() {}

  static Map<String, Object> toMap(IndexedRecord record) {
    return toMap(record, Set.of());
  }

  /** The same, leaving out the named top-level fields before they are copied (N-long vectors). */
  static Map<String, Object> toMap(IndexedRecord record, Set<String> without) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (Schema.Field field : record.getSchema().getFields()) {
      if (without.contains(field.name())) {
        continue;
      }
      Object raw = record.get(field.pos());
      // a dead letter's key is text (a model id); other bytes (original values) are binary and left out
      map.put(field.name(), raw instanceof ByteBuffer bytes && field.name().endsWith("Key")
          ? StandardCharsets.UTF_8.decode(bytes.duplicate()).toString() : value(raw));
    }
    return map;
  }

  private static Object value(Object value) {
    if (value instanceof IndexedRecord record) {
      return toMap(record);
    }
    if (value instanceof CharSequence text) {
      return text.toString();
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(value(v)));
      return copy;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k.toString(), value(v)));
      return copy;
    }
    if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
      return null; // JSON has no NaN: an undefined rate is null
    }
    if (value instanceof ByteBuffer) {
      return null;
    }
    return value;
  }
}

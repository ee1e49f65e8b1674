package io.modelmap.aggregator.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * Turns a view's values (Avro records as JSON trees, the form they travel between instances in) into
 * the API's typed bodies, field by field name; fields a body does not carry are left behind.
 */
final class BodyMapping {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private BodyMapping() {}

  static <T> T as(Object value, Class<T> type) {
    return JSON.convertValue(value, type);
  }

  static <T> T as(Object value, TypeReference<T> type) {
    return value == null ? null : JSON.convertValue(value, type);
  }

  static <T> List<T> listOf(Object values, Class<T> type) {
    JavaType list = JSON.getTypeFactory().constructCollectionType(List.class, type);
    return values == null ? List.of() : JSON.convertValue(values, list);
  }
}

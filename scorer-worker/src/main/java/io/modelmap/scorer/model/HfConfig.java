package io.modelmap.scorer.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * A Hugging Face {@code config.json}, read with the defaults of transformers' configuration classes: a
 * field the family needs and has no default for is a one-line error naming it.
 */
final class HfConfig {
  private final JsonNode json;
  private final String source;
  private final StartToken startToken;

  HfConfig(JsonNode json, String source, StartToken startToken) {
    this.json = json;
    this.source = source;
    this.startToken = startToken;
  }

  /** The start token resolved from the checkpoint's tokenizer files, or null when nothing names one. */
  StartToken startToken() {
    return startToken;
  }

  JsonNode json() {
    return json;
  }

  String modelType() {
    return json.path("model_type").asText("");
  }

  boolean has(String field) {
    return json.hasNonNull(field);
  }

  /** The first of {@code fields} present (configs name one thing several ways: n_embd, hidden_size, d_model). */
  int integer(String... fields) throws IOException {
    return node(fields).asInt();
  }

  int integer(String field, int otherwise) {
    return json.hasNonNull(field) ? json.path(field).asInt() : otherwise;
  }

  double number(String... fields) throws IOException {
    return node(fields).asDouble();
  }

  double number(String field, double otherwise) {
    return json.hasNonNull(field) ? json.path(field).asDouble() : otherwise;
  }

  boolean flag(String field, boolean otherwise) {
    return json.hasNonNull(field) ? json.path(field).asBoolean() : otherwise;
  }

  String text(String field, String otherwise) {
    return json.hasNonNull(field) ? json.path(field).asText() : otherwise;
  }

  JsonNode path(String field) {
    return json.path(field);
  }

  private JsonNode node(String... fields) throws IOException {
    for (String field : fields) {
      if (json.hasNonNull(field)) {
        return json.get(field);
      }
    }
    throw new IOException(source + ": field '" + fields[0] + "' is missing (model_type " + modelType() + ")");
  }
}

package io.modelmap.scorer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The start token y₀ every text is scored after (DESIGN.md §2): the BOS the model's tokenizer adds —
 * the first special token of tokenizer.json's post-processor template (Llama 2/3, Mistral, Gemma, OPT),
 * or {@code bos_token} with {@code add_bos_token} in tokenizer_config.json — else the document separator,
 * {@code bos_token_id} of config.json (GPT-2's and Pythia's {@code <|endoftext|>}, Qwen's), else its
 * {@code eos_token_id}.
 *
 * @param id the token id
 * @param text the token as the tokenizer writes it ("?" when the tokenizer does not name it)
 * @param reason where the choice came from, for the record and the terminal
 */
public record StartToken(long id, String text, String reason) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** "&lt;s&gt; (id 1, the BOS the tokenizer adds)". */
  public String describe() {
    return text + " (id " + id + ", " + reason + ")";
  }

  /** The start token of the checkpoint in {@code dir} with config.json {@code config}; empty when nothing names one. */
  public static Optional<StartToken> of(Path dir, JsonNode config) throws IOException {
    JsonNode tokenizer = read(dir.resolve("tokenizer.json"));
    JsonNode template = template(tokenizer.path("post_processor"));
    if (template != null) {
      JsonNode first = template.path("single").path(0).path("SpecialToken");
      if (!first.isMissingNode()) {
        String name = first.path("id").asText();
        JsonNode ids = template.path("special_tokens").path(name).path("ids");
        if (ids.size() == 1) {
          return Optional.of(new StartToken(ids.get(0).asLong(), name, "the BOS the tokenizer adds"));
        }
      }
    }
    JsonNode settings = read(dir.resolve("tokenizer_config.json"));
    if (settings.path("add_bos_token").asBoolean(false)) {
      JsonNode bos = settings.path("bos_token");
      String name = bos.isTextual() ? bos.asText() : bos.path("content").asText(null);
      Long id = name == null ? null : idOf(tokenizer, name);
      if (id != null) {
        return Optional.of(new StartToken(id, name, "the BOS the tokenizer adds (add_bos_token)"));
      }
    }
    for (String field : new String[] {"bos_token_id", "eos_token_id"}) {
      JsonNode id = config.path(field);
      if (id.isArray() && !id.isEmpty()) {
        id = id.get(0); // Llama 3.1 instruct lists several end tokens
      }
      if (id.canConvertToLong()) {
        return Optional.of(new StartToken(id.asLong(), nameOf(tokenizer, id.asLong()),
            "the document separator: " + field + ", the tokenizer adds no BOS"));
      }
    }
    return Optional.empty();
  }

  private static JsonNode read(Path file) throws IOException {
    return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : JSON.createObjectNode();
  }

  /** The TemplateProcessing post-processor, alone or inside a Sequence (Llama 3 puts it after ByteLevel). */
  private static JsonNode template(JsonNode processor) {
    if ("TemplateProcessing".equals(processor.path("type").asText())) {
      return processor;
    }
    for (JsonNode inner : processor.path("processors")) {
      JsonNode found = template(inner);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static Long idOf(JsonNode tokenizer, String name) {
    for (JsonNode added : tokenizer.path("added_tokens")) {
      if (name.equals(added.path("content").asText())) {
        return added.path("id").asLong();
      }
    }
    JsonNode id = tokenizer.path("model").path("vocab").path(name);
    return id.canConvertToLong() ? id.asLong() : null;
  }

  private static String nameOf(JsonNode tokenizer, long id) {
    for (JsonNode added : tokenizer.path("added_tokens")) {
      if (added.path("id").asLong() == id) {
        return added.path("content").asText();
      }
    }
    return "?";
  }
}

package io.modelmap.scorer.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * y₀ for the tokenizer layouts real checkpoints ship (fields and nesting as in the Hub's files): the BOS
 * the tokenizer adds, else the document separator.
 */
class StartTokenTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private StartToken resolve(String tokenizer, String tokenizerConfig, String config) throws Exception {
    Files.writeString(dir.resolve("tokenizer.json"), tokenizer);
    if (tokenizerConfig != null) {
      Files.writeString(dir.resolve("tokenizer_config.json"), tokenizerConfig);
    }
    JsonNode parsed = JSON.readTree(config);
    return StartToken.of(dir, parsed).orElseThrow();
  }

  /** meta-llama/Llama-3.2-1B: TemplateProcessing inside a Sequence after ByteLevel. */
  @Test
  void llama3TakesTheTemplatesBeginOfText() throws Exception {
    StartToken start = resolve("""
        {"added_tokens": [{"id": 128000, "content": "<|begin_of_text|>", "special": true}],
         "post_processor": {"type": "Sequence", "processors": [
           {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": false, "use_regex": true},
           {"type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
            "pair": [],
            "special_tokens": {"<|begin_of_text|>": {"id": "<|begin_of_text|>", "ids": [128000],
              "tokens": ["<|begin_of_text|>"]}}}]}}""", null,
        "{\"bos_token_id\": 128000, \"eos_token_id\": 128001}");
    assertThat(start.id()).isEqualTo(128000);
    assertThat(start.describe()).isEqualTo("<|begin_of_text|> (id 128000, the BOS the tokenizer adds)");
  }

  /** An older Llama fine-tune: no template, add_bos_token in tokenizer_config.json, bos_token as an AddedToken. */
  @Test
  void addBosTokenNamesTheBos() throws Exception {
    StartToken start = resolve("""
        {"added_tokens": [{"id": 0, "content": "<unk>"}, {"id": 1, "content": "<s>"}, {"id": 2, "content": "</s>"}],
         "post_processor": null, "model": {"type": "BPE", "vocab": {"<unk>": 0, "<s>": 1, "</s>": 2}}}""",
        """
        {"add_bos_token": true, "add_eos_token": false,
         "bos_token": {"__type": "AddedToken", "content": "<s>", "lstrip": false}}""",
        "{\"bos_token_id\": 7}");
    assertThat(start.id()).as("the tokenizer's BOS, not config.json's").isEqualTo(1);
    assertThat(start.reason()).contains("add_bos_token");
  }

  /** Qwen/Qwen2.5-0.5B-Instruct: no BOS added; the separator is <|endoftext|>, config's bos_token_id, not the chat EOS. */
  @Test
  void qwenTakesTheDocumentSeparator() throws Exception {
    StartToken start = resolve("""
        {"added_tokens": [{"id": 151643, "content": "<|endoftext|>"}, {"id": 151645, "content": "<|im_end|>"}],
         "post_processor": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": false, "use_regex": false}}""",
        "{\"add_bos_token\": false, \"bos_token\": null, \"eos_token\": \"<|im_end|>\"}",
        "{\"bos_token_id\": 151643, \"eos_token_id\": 151645}");
    assertThat(start.describe())
        .isEqualTo("<|endoftext|> (id 151643, the document separator: bos_token_id, the tokenizer adds no BOS)");
  }

  /** A config that names only its end token (as a list, as Llama 3.1 instruct does). */
  @Test
  void fallsBackToTheFirstEndToken() throws Exception {
    StartToken start = resolve("{\"added_tokens\": [], \"post_processor\": null}", null,
        "{\"eos_token_id\": [128001, 128008, 128009]}");
    assertThat(start.id()).isEqualTo(128001);
    assertThat(start.reason()).contains("eos_token_id");
  }
}

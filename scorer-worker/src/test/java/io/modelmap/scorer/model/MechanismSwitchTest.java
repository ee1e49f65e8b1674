package io.modelmap.scorer.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelmap.scorer.scoring.TextLogLikelihood;
import io.modelmap.scorer.scoring.TextScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mechanisms a config switches are live in the Java forward pass: with one switched off in the
 * fixture's config.json, the scores leave the independent reference (by more than 1e-3 relative on some
 * text), where with it on they match to 1e-4 ({@link ArchitectureFixturesTest}). Mechanisms no config
 * switches (interleaved rotary, OPT's offset, ALiBi slopes, fused layouts) are covered by the reference
 * scripts' ablation tables: each moves the expected values by more than 1e-2, so the Java fails the
 * fixture test without it.
 */
class MechanismSwitchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  static Stream<Arguments> switches() {
    return Stream.of(
        Arguments.of("gemma2", "attention soft-cap", (Consumer<ObjectNode>) c -> c.putNull("attn_logit_softcapping")),
        Arguments.of("gemma2", "final soft-cap", (Consumer<ObjectNode>) c -> c.putNull("final_logit_softcapping")),
        Arguments.of("gemma2", "query_pre_attn_scalar", (Consumer<ObjectNode>) c -> c.put("query_pre_attn_scalar", 16)),
        Arguments.of("mistral_window", "sliding window", (Consumer<ObjectNode>) c -> c.putNull("sliding_window")),
        Arguments.of("phi", "partial rotary", (Consumer<ObjectNode>) c -> c.put("partial_rotary_factor", 1.0)),
        Arguments.of("phi_qk_layernorm", "q/k LayerNorm", (Consumer<ObjectNode>) c -> c.put("qk_layernorm", false)),
        Arguments.of("mixtral", "top-2 routing", (Consumer<ObjectNode>) c -> c.put("num_experts_per_tok", 1)),
        Arguments.of("qwen2_moe", "unnormalised top-k", (Consumer<ObjectNode>) c -> c.put("norm_topk_prob", true)),
        Arguments.of("granite", "logits_scaling", (Consumer<ObjectNode>) c -> c.put("logits_scaling", 1.0)),
        Arguments.of("olmo", "clip_qkv", (Consumer<ObjectNode>) c -> c.putNull("clip_qkv")),
        Arguments.of("llama_yarn", "YaRN", (Consumer<ObjectNode>) c -> c.putNull("rope_scaling")),
        Arguments.of("falcon_rw", "ALiBi", (Consumer<ObjectNode>) c -> c.put("alibi", false)),
        Arguments.of("gemma3_text", "local rotary base", (Consumer<ObjectNode>) c -> c.put("rope_local_base_freq", 1e6)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("switches")
  void switchingTheMechanismOffLeavesTheReference(String fixture, String mechanism, Consumer<ObjectNode> off)
      throws Exception {
    Path source = Path.of(getClass().getResource("/fixtures/" + fixture + "/config.json").toURI()).getParent();
    Path copy = Files.createDirectories(dir.resolve(fixture));
    for (String file : List.of("tokenizer.json", "model.safetensors")) {
      Files.copy(source.resolve(file), copy.resolve(file));
    }
    ObjectNode config = (ObjectNode) JSON.readTree(source.resolve("config.json").toFile());
    off.accept(config);
    Files.writeString(copy.resolve("config.json"), config.toString());
    JsonNode expected = JSON.readTree(source.resolve("expected.json").toFile());
    List<String> texts = new ArrayList<>();
    expected.get("texts").forEach(t -> texts.add(t.asText()));

    double largest = 0;
    try (CausalLm model = CausalLmLoader.load(copy, Device.cpu());
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(copy.resolve("tokenizer.json"),
            Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
        NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      List<TextLogLikelihood> scores = new TextScorer(model, tokenizer, 4, manager).score(texts);
      for (int i = 0; i < texts.size(); i++) {
        double reference = expected.get("logLikelihoods").get(i).asDouble();
        largest = Math.max(largest, Math.abs(scores.get(i).logLikelihood() - reference) / Math.abs(reference));
      }
    }
    assertThat(largest).as("%s without %s: largest relative distance from the reference", fixture, mechanism)
        .isGreaterThan(1e-3);
  }
}

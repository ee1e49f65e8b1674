package io.modelmap.scorer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.scorer.checkpoint.SafetensorsWriter;
import io.modelmap.scorer.scoring.TextLogLikelihood;
import io.modelmap.scorer.scoring.TextScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Tiny random checkpoints of each architecture (src/test/resources/fixtures), scored by the Java
 * implementation, against log-likelihoods computed by an independent PyTorch implementation
 * (src/test/python/reference_loglik.py): at most 1e-4 relative on every text, at batch 1 and 4.
 */
class ArchitectureFixturesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private static Path fixture(String name) throws Exception {
    return Path.of(ArchitectureFixturesTest.class.getResource("/fixtures/" + name + "/config.json").toURI()).getParent();
  }

  private static List<TextLogLikelihood> score(Path folder, List<String> texts, int batch) throws Exception {
    return score(folder, texts, batch, "float32");
  }

  private static List<TextLogLikelihood> score(Path folder, List<String> texts, int batch, String dtype)
      throws Exception {
    try (CausalLm model = CausalLmLoader.load(folder, Device.cpu(), dtype);
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(folder.resolve("tokenizer.json"),
            Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
        NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      return new TextScorer(model, tokenizer, batch, manager).score(texts);
    }
  }

  private static JsonNode expected(String architecture) throws Exception {
    return JSON.readTree(fixture(architecture).resolve("expected.json").toFile());
  }

  private static List<String> texts(JsonNode expected) {
    List<String> texts = new ArrayList<>();
    expected.get("texts").forEach(t -> texts.add(t.asText()));
    return texts;
  }

  /** Scores {@code folder} at batch 1 and 4 in {@code dtype} and checks every text against the reference. */
  private static void assertMatches(Path folder, String dtype, JsonNode expected, double relativeTolerance)
      throws Exception {
    List<String> texts = texts(expected);
    for (int batch : new int[] {1, 4}) {
      List<TextLogLikelihood> scores = score(folder, texts, batch, dtype);
      for (int i = 0; i < texts.size(); i++) {
        double reference = expected.get("logLikelihoods").get(i).asDouble();
        assertThat(scores.get(i).logLikelihood()).as("%s in %s, text %d at batch %d", folder.getFileName(), dtype, i,
            batch).isCloseTo(reference, within(relativeTolerance * Math.abs(reference)));
      }
    }
  }

  /**
   * Every fixture: one per family and layout variant, each written in the Hugging Face layout by a
   * reference script under src/test/python (reference_loglik.py, reference_classic.py,
   * reference_decoders_b.py, reference_decoders_c.py) that computed its expected.json.
   */
  static List<String> fixtures() {
    return List.of("gpt2", "llama", "gpt_neox",
        "gptj", "codegen", "gpt_neo", "gpt_bigcode", "opt", "opt_350m", "xglm", "bloom", "bloom_6heads", "mpt",
        "falcon_7b", "falcon_40b", "falcon_rw", "phi", "phi_qk_layernorm", "phi3_longrope", "phi3_partial", "stablelm",
        "stablelm_qk_parallel", "starcoder2", "granite", "olmo", "olmo2",
        "gemma", "gemma2", "gemma3_text", "qwen3", "qwen2_moe", "mixtral", "mistral_window", "llama_dynamic", "llama_yarn",
        "llama_linear", "llama_bf16", "deepseek_v2_lite", "deepseek_v2_qlora");
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void equalsTheIndependentPyTorchImplementation(String architecture) throws Exception {
    assertMatches(fixture(architecture), "float32", expected(architecture), 1e-4);
  }

  /**
   * float16: the model runs in half precision (norms, softmax and log-softmax in float32), so scores
   * move by about the format's rounding (2⁻¹¹), not more.
   */
  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "llama", "gpt_neox"})
  void float16WeightsStayWithinTheFormatsRounding(String architecture) throws Exception {
    assertMatches(fixture(architecture), "float16", expected(architecture), 5e-4); // measured up to 1.8e-4
  }

  /**
   * float16 for every other family: a few units of the format's rounding (2⁻¹¹ ≈ 4.9e-4) on the deeper
   * stacks of mechanisms (measured up to 9.1e-4, Mixtral's routed experts; the short text "x" is a
   * single log-probability, so its relative error is the largest).
   */
  @ParameterizedTest
  @MethodSource("fixtures")
  void float16StaysWithinAFewUnitsOfTheFormatsRoundingForEveryFamily(String architecture) throws Exception {
    if (!List.of("gpt2", "llama", "gpt_neox").contains(architecture)) {
      assertMatches(fixture(architecture), "float16", expected(architecture), 2e-3);
    }
  }

  /** bfloat16 weights are held as float32 (DJL cannot hold bfloat16), which changes no number. */
  @Test
  void bfloat16IsScoredExactlyAsFloat32() throws Exception {
    List<String> texts = texts(expected("llama"));
    List<TextLogLikelihood> bf16 = score(fixture("llama"), texts, 4, "bfloat16");
    List<TextLogLikelihood> f32 = score(fixture("llama"), texts, 4, "float32");
    for (int i = 0; i < texts.size(); i++) {
      assertThat(bf16.get(i).logLikelihood()).isEqualTo(f32.get(i).logLikelihood());
    }
  }

  @Test
  void aTracedTorchScriptModelScoresLikeTheIndependentImplementation() throws Exception {
    Path traced = Path.of(getClass().getResource("/torchscript/gpt2/torchscript.pt").toURI()).getParent();
    assertMatches(traced, "float32", expected("gpt2"), 1e-4);
  }

  @Test
  void anUnknownDtypeIsAClearError() throws Exception {
    assertThatThrownBy(() -> CausalLmLoader.load(fixture("gpt2"), Device.cpu(), "int8"))
        .hasMessageContaining("dtype 'int8' is not supported").hasMessageContaining("float16");
  }

  @Test
  void readsShardedCheckpointsThroughTheirIndex() throws Exception {
    Path source = fixture("gpt_neox");
    Path sharded = Files.createDirectories(dir.resolve("sharded"));
    Files.copy(source.resolve("config.json"), sharded.resolve("config.json"));
    Files.copy(source.resolve("tokenizer.json"), sharded.resolve("tokenizer.json"));
    SafetensorsFile whole = SafetensorsFile.open(source.resolve("model.safetensors"));
    SafetensorsWriter first = new SafetensorsWriter();
    SafetensorsWriter second = new SafetensorsWriter();
    var index = JSON.createObjectNode();
    var map = index.putObject("weight_map");
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      for (String name : whole.names()) {
        var tensor = whole.load(name, manager);
        boolean early = name.contains("layers.0") || name.contains("embed_in");
        (early ? first : second).put(name, tensor.getShape().getShape(), tensor.toFloatArray());
        map.put(name, early ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors");
      }
    }
    first.write(sharded.resolve("model-00001-of-00002.safetensors"));
    second.write(sharded.resolve("model-00002-of-00002.safetensors"));
    Files.writeString(sharded.resolve("model.safetensors.index.json"), index.toString());

    List<String> texts = List.of("sharded checkpoints load the same");
    assertThat(score(sharded, texts, 1).get(0).logLikelihood())
        .isEqualTo(score(source, texts, 1).get(0).logLikelihood());
  }

  @Test
  void anUnknownArchitectureIsAClearError() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("bert"));
    Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"bert\"}");
    assertThatThrownBy(() -> CausalLmLoader.load(folder, Device.cpu()))
        .hasMessageContaining("model_type 'bert' is not supported")
        .hasMessageContaining("supported: gpt2, llama, mistral, qwen2").hasMessageContaining("gpt_neox")
        .hasMessageContaining("TorchScript");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rwkv", "mamba", "recurrent_gemma"})
  void aRecurrentModelIsRefusedInOneLine(String type) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(type));
    Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"" + type + "\"}");
    assertThatThrownBy(() -> CausalLmLoader.load(folder, Device.cpu()))
        .hasMessageContaining("model_type '" + type + "' is a recurrent model").hasMessageContaining("supported: gpt2")
        .hasMessageContaining("TorchScript").hasMessageNotContaining("\n");
  }

  /** DeepSeek-MoE declares its own model_type and ships its modeling code (auto_map): refused, nothing run. */
  @Test
  void aModelThatNeedsItsOwnCodeIsRefusedInOneLine() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("deepseek-moe"));
    Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"deepseek\", \"auto_map\": {\"AutoModelForCausalLM\":"
        + " \"modeling_deepseek.DeepseekForCausalLM\"}}");
    assertThatThrownBy(() -> CausalLmLoader.load(folder, Device.cpu()))
        .hasMessageContaining("model_type 'deepseek' needs trust_remote_code").hasMessageContaining("TorchScript")
        .hasMessageNotContaining("\n");
  }
}

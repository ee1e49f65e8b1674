package io.modelmap.scorer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.scorer.demo.SafetensorsWriter;
import io.modelmap.scorer.scoring.TextLogLikelihood;
import io.modelmap.scorer.scoring.TextScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
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
    try (CausalLm model = CausalLmLoader.load(folder, Device.cpu());
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(folder.resolve("tokenizer.json"),
            Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
        NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      return new TextScorer(model, tokenizer, batch, manager).score(texts);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "llama", "gpt_neox"})
  void equalsTheIndependentPyTorchImplementation(String architecture) throws Exception {
    Path folder = fixture(architecture);
    JsonNode expected = JSON.readTree(folder.resolve("expected.json").toFile());
    List<String> texts = new ArrayList<>();
    expected.get("texts").forEach(t -> texts.add(t.asText()));
    for (int batch : new int[] {1, 4}) {
      List<TextLogLikelihood> scores = score(folder, texts, batch);
      for (int i = 0; i < texts.size(); i++) {
        double reference = expected.get("logLikelihoods").get(i).asDouble();
        assertThat(scores.get(i).logLikelihood()).as("%s text %d at batch %d", architecture, i, batch)
            .isCloseTo(reference, within(1e-4 * Math.abs(reference)));
      }
    }
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
        .hasMessageContaining("gpt2, llama, mistral, qwen2, gpt_neox");
  }
}

package io.modelmap.scorer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelmap.scorer.checkpoint.SafetensorsWriter;
import io.modelmap.scorer.scoring.TextLogLikelihood;
import io.modelmap.scorer.scoring.TextScorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code pytorch_model.bin} checkpoints, single and sharded, that torch.save wrote from the gpt_neox
 * fixture's tensors (src/test/python/write_bin_twin.py): one tensor in bfloat16, one in float16, the
 * rest float32. They match the independent reference of their stored values, and score exactly as a
 * safetensors file holding the same values; a torch zip whose pickle calls os.system is refused.
 */
class TorchCheckpointFixturesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The tensors write_bin_twin.py stores in 16 bits: gpt_neox's float32 values rounded to nearest even. */
  private static final String BF16_TENSOR = "gpt_neox.layers.1.attention.query_key_value.bias";
  private static final String F16_TENSOR = "gpt_neox.layers.0.attention.query_key_value.weight";

  @TempDir
  Path dir;

  private static Path fixture(String name) throws Exception {
    return Path.of(TorchCheckpointFixturesTest.class.getResource("/fixtures/" + name + "/config.json").toURI())
        .getParent();
  }

  private static List<TextLogLikelihood> score(Path folder, List<String> texts, int batch) throws Exception {
    try (CausalLm model = CausalLmLoader.load(folder, Device.cpu(), "float32");
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(folder.resolve("tokenizer.json"),
            Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
        NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      return new TextScorer(model, tokenizer, batch, manager).score(texts);
    }
  }

  private static List<String> texts(JsonNode expected) {
    List<String> texts = new ArrayList<>();
    expected.get("texts").forEach(t -> texts.add(t.asText()));
    return texts;
  }

  /** Within 1e-4 of the reference of the stored values and of the float32 safetensors fixture's. */
  @ParameterizedTest
  @ValueSource(strings = {"gpt_neox_bin", "gpt_neox_bin_sharded"})
  void aBinCheckpointMatchesTheIndependentReference(String twin) throws Exception {
    JsonNode expected = JSON.readTree(fixture(twin).resolve("expected.json").toFile());
    JsonNode float32 = JSON.readTree(fixture("gpt_neox").resolve("expected.json").toFile());
    List<String> texts = texts(expected);
    assertThat(texts).isEqualTo(texts(float32));
    for (int batch : new int[] {1, 4}) {
      List<TextLogLikelihood> scores = score(fixture(twin), texts, batch);
      for (int i = 0; i < texts.size(); i++) {
        for (JsonNode reference : List.of(expected, float32)) {
          double value = reference.get("logLikelihoods").get(i).asDouble();
          assertThat(scores.get(i).logLikelihood()).as("%s, text %d at batch %d", twin, i, batch)
              .isCloseTo(value, within(1e-4 * Math.abs(value)));
        }
      }
    }
  }

  /**
   * The safetensors fixture with the two 16-bit tensors rounded here (bf16 and f16, to nearest even, as
   * torch's {@code .to()} does): every tensor of both .bin layouts equals it bit for bit, and so does
   * every log-likelihood.
   */
  @Test
  void aBinCheckpointScoresExactlyAsSafetensorsHoldingTheSameValues() throws Exception {
    Path rounded = Files.createDirectories(dir.resolve("rounded"));
    for (String file : List.of("config.json", "tokenizer.json")) {
      Files.copy(fixture("gpt_neox").resolve(file), rounded.resolve(file));
    }
    SafetensorsFile float32 = SafetensorsFile.open(fixture("gpt_neox").resolve("model.safetensors"));
    SafetensorsWriter writer = new SafetensorsWriter();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      for (String name : float32.names()) {
        NDArray tensor = float32.load(name, manager);
        float[] values = tensor.toFloatArray();
        for (int i = 0; i < values.length; i++) {
          values[i] = name.equals(BF16_TENSOR) ? toBfloat16(values[i])
              : name.equals(F16_TENSOR) ? HalfFloats.fromHalf(HalfFloats.toHalf(values[i])) : values[i];
        }
        writer.put(name, tensor.getShape().getShape(), values);
      }
      writer.write(rounded.resolve("model.safetensors"));
      CheckpointTensors expected = CheckpointTensors.open(rounded);
      for (String twin : List.of("gpt_neox_bin", "gpt_neox_bin_sharded")) {
        CheckpointTensors bin = CheckpointTensors.open(fixture(twin));
        assertThat(bin.names()).isEqualTo(expected.names());
        for (String name : expected.names()) {
          NDArray fromBin = bin.load(name, manager);
          NDArray fromSafetensors = expected.load(name, manager);
          assertThat(fromBin.getShape()).as(name).isEqualTo(fromSafetensors.getShape());
          assertThat(fromBin.toFloatArray()).as("%s in %s", name, twin).containsExactly(fromSafetensors.toFloatArray());
        }
      }
    }
    List<String> texts = texts(JSON.readTree(fixture("gpt_neox").resolve("expected.json").toFile()));
    List<TextLogLikelihood> reference = score(rounded, texts, 4);
    for (String twin : List.of("gpt_neox_bin", "gpt_neox_bin_sharded")) {
      List<TextLogLikelihood> bin = score(fixture(twin), texts, 4);
      for (int i = 0; i < texts.size(); i++) {
        assertThat(bin.get(i).logLikelihood()).as("%s, text %d", twin, i).isEqualTo(reference.get(i).logLikelihood());
      }
    }
  }

  /** float32 to the nearest bfloat16 (ties to even), back in float32; the fixture has no NaN. */
  private static float toBfloat16(float value) {
    int bits = Float.floatToRawIntBits(value);
    bits += 0x7FFF + ((bits >>> 16) & 1);
    return Float.intBitsToFloat(bits & 0xFFFF0000);
  }

  /** The fixture's data.pkl calls os.system("touch /tmp/modelmap-pwned") through __reduce__, mid state dict. */
  @Test
  void aCheckpointWhosePickleCallsOsSystemIsRefusedByNameAndRunsNothing() throws Exception {
    Path evil = Path.of(getClass().getResource("/pickles/evil/config.json").toURI()).getParent();
    assertThatThrownBy(() -> CausalLmLoader.load(evil, Device.cpu())).isInstanceOf(IOException.class)
        .hasMessageStartingWith(evil.resolve("pytorch_model.bin") + ": refused global os.system")
        .hasMessageContaining("nothing in the file was run").hasMessageNotContaining("\n");
    assertThat(Path.of("/tmp/modelmap-pwned")).doesNotExist();
  }

  @Test
  void safetensorsArePreferredWhenBothFormatsArePresent() throws Exception {
    Path both = Files.createDirectories(dir.resolve("both"));
    for (String file : List.of("config.json", "tokenizer.json", "model.safetensors")) {
      Files.copy(fixture("gpt_neox").resolve(file), both.resolve(file));
    }
    Files.writeString(both.resolve("pytorch_model.bin"), "not read: safetensors come first");
    List<String> texts = List.of("safetensors first");
    assertThat(score(both, texts, 1).get(0).logLikelihood())
        .isEqualTo(score(fixture("gpt_neox"), texts, 1).get(0).logLikelihood());
  }

  @Test
  void aBinIndexNamingAShardOutsideTheFolderIsRefused() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("escape"));
    Files.copy(fixture("gpt_neox").resolve("config.json"), folder.resolve("config.json"));
    Files.writeString(folder.resolve("pytorch_model.bin.index.json"),
        "{\"weight_map\": {\"embed_out.weight\": \"../elsewhere/pytorch_model.bin\"}}");
    assertThatThrownBy(() -> CausalLmLoader.load(folder, Device.cpu()))
        .hasMessageContaining("names shard ../elsewhere/pytorch_model.bin outside its folder or not a .bin file");
    Files.writeString(folder.resolve("pytorch_model.bin.index.json"),
        "{\"weight_map\": {\"embed_out.weight\": \"weights.pkl\"}}");
    assertThatThrownBy(() -> CausalLmLoader.load(folder, Device.cpu()))
        .hasMessageContaining("names shard weights.pkl outside its folder or not a .bin file");
  }

  @Test
  void aBinIndexPlacingATensorInTheWrongShardIsRefusedWhenOpened() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("misplaced"));
    try (var files = Files.list(fixture("gpt_neox_bin_sharded"))) {
      for (Path file : files.toList()) {
        Files.copy(file, folder.resolve(file.getFileName()));
      }
    }
    Path index = folder.resolve("pytorch_model.bin.index.json");
    var json = (ObjectNode) JSON.readTree(index.toFile());
    String shard = json.get("weight_map").get("gpt_neox.embed_in.weight").asText();
    ((ObjectNode) json.get("weight_map")).put("embed_out.weight", shard);
    JSON.writeValue(index.toFile(), json);
    assertThatThrownBy(() -> CheckpointTensors.open(folder))
        .hasMessage(index + " places tensor embed_out.weight in " + shard + ", which lacks it");
  }

  @Test
  void aFolderWithoutWeightsNamesEveryFormatItReads() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("empty"));
    Files.copy(fixture("gpt_neox").resolve("config.json"), folder.resolve("config.json"));
    assertThatThrownBy(() -> CausalLmLoader.load(folder, Device.cpu()))
        .hasMessageContaining("has no weights: expected model.safetensors, model.safetensors.index.json,"
            + " pytorch_model.bin or pytorch_model.bin.index.json");
  }
}

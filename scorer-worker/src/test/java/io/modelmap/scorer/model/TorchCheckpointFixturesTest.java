package io.modelmap.scorer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.scorer.scoring.TextLogLikelihood;
import io.modelmap.scorer.scoring.TextScorer;
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
 * {@code pytorch_model.bin} checkpoints, single and sharded, saved by torch.save from the gpt_neox
 * fixture's tensors (src/test/resources/fixtures/gpt_neox_bin*), score exactly as the safetensors
 * fixture does, and so match its independent reference.
 */
class TorchCheckpointFixturesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

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

  @ParameterizedTest
  @ValueSource(strings = {"gpt_neox_bin", "gpt_neox_bin_sharded"})
  void aBinCheckpointScoresExactlyAsItsSafetensorsTwin(String twin) throws Exception {
    JsonNode expected = JSON.readTree(fixture("gpt_neox").resolve("expected.json").toFile());
    List<String> texts = new ArrayList<>();
    expected.get("texts").forEach(t -> texts.add(t.asText()));
    for (int batch : new int[] {1, 4}) {
      List<TextLogLikelihood> bin = score(fixture(twin), texts, batch);
      List<TextLogLikelihood> safetensors = score(fixture("gpt_neox"), texts, batch);
      for (int i = 0; i < texts.size(); i++) {
        double reference = expected.get("logLikelihoods").get(i).asDouble();
        assertThat(bin.get(i).logLikelihood()).as("%s, text %d at batch %d", twin, i, batch)
            .isEqualTo(safetensors.get(i).logLikelihood())
            .isCloseTo(reference, within(1e-4 * Math.abs(reference)));
      }
    }
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
  void aFolderWithoutWeightsNamesEveryFormatItReads() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("empty"));
    Files.copy(fixture("gpt_neox").resolve("config.json"), folder.resolve("config.json"));
    assertThatThrownBy(() -> CausalLmLoader.load(folder, Device.cpu()))
        .hasMessageContaining("has no weights: expected model.safetensors, model.safetensors.index.json,"
            + " pytorch_model.bin or pytorch_model.bin.index.json");
  }
}

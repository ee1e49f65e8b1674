package io.modelmap.scorer.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.scorer.model.CausalLm;
import io.modelmap.scorer.model.CausalLmLoader;
import io.modelmap.scorer.scoring.TextLogLikelihood;
import io.modelmap.scorer.scoring.TextScorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed zoo as the scorer reads it: every model's files are there, and two trained models
 * score texts as an independent NumPy float64 GPT-2 does (src/test/python/reference_zoo_numpy.py,
 * output in zoo-reference.json): what training wrote is what the scorer reads.
 */
class ZooReferenceTest {
  @TempDir
  Path dir;

  @Test
  void trainedModelsScoreAsTheFloat64Reference() throws Exception {
    List<DemoModels.DemoModel> zoo = DemoModels.zoo(dir);
    assertThat(zoo).hasSize(10);
    JsonNode reference;
    try (var in = ZooReferenceTest.class.getResourceAsStream("/zoo-reference.json")) {
      reference = new ObjectMapper().readTree(in);
    }
    List<String> texts = new ArrayList<>();
    reference.get("texts").forEach(t -> texts.add(t.asText()));
    for (var entry : (Iterable<Map.Entry<String, JsonNode>>) reference.get("logLikelihoods")::fields) {
      Path folder = dir.resolve(DemoModels.ORG).resolve(entry.getKey());
      try (CausalLm model = CausalLmLoader.load(folder, Device.cpu());
          HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(folder.resolve("tokenizer.json"),
              Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
          NDManager manager = NDManager.newBaseManager(Device.cpu())) {
        List<TextLogLikelihood> scores = new TextScorer(model, tokenizer, 1, manager).score(texts);
        for (int i = 0; i < texts.size(); i++) {
          double expected = entry.getValue().get(i).asDouble();
          assertThat(scores.get(i).logLikelihood()).as("%s, text %d", entry.getKey(), i)
              .isCloseTo(expected, within(1e-4 * Math.abs(expected)));
        }
      }
    }
  }
}

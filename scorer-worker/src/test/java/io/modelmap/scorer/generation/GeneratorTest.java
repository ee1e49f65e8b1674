package io.modelmap.scorer.generation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.modelmap.scorer.demo.DemoModels;
import io.modelmap.scorer.model.CausalLmLoader;
import io.modelmap.scorer.model.IncrementalLm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generation on a trained zoo model: batched, left-padded and KV-cached greedy decoding gives, prompt for
 * prompt, the tokens of the plain loop written here (one prompt, the whole prefix fed again each step,
 * argmax of the last logits); seeded sampling does not depend on which prompts share a batch; a stop
 * string ends a response before it.
 */
class GeneratorTest {
  private static final List<Generator.Prompt> PROMPTS = List.of(new Generator.Prompt("a", "The court held that the"),
      new Generator.Prompt("b, \"2\"", "def main():\n    "), new Generator.Prompt("größe", "In"));

  @TempDir
  Path dir;

  @Test
  void cachedBatchesEqualThePlainLoopAndSamplingIsPerPrompt() throws Exception {
    DemoModels.zoo(dir);
    Path folder = dir.resolve(DemoModels.ORG).resolve("prose-a");
    try (IncrementalLm model = (IncrementalLm) CausalLmLoader.load(folder, Device.cpu());
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(folder.resolve("tokenizer.json"),
            Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
        NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      List<String> cached = new Generator(model, tokenizer, manager, new GenerationSettings(24, List.of(), 0, 0, 3))
          .generate(PROMPTS);
      for (int p = 0; p < PROMPTS.size(); p++) {
        assertThat(cached.get(p)).as("prompt %s", PROMPTS.get(p).id())
            .isEqualTo(plainGreedy(model, tokenizer, manager, PROMPTS.get(p).text(), 24));
      }

      GenerationSettings sampled = new GenerationSettings(24, List.of(), 1.0, 42, 3);
      List<String> together = new Generator(model, tokenizer, manager, sampled).generate(PROMPTS);
      List<String> alone = new ArrayList<>();
      for (Generator.Prompt prompt : PROMPTS) {
        alone.addAll(new Generator(model, tokenizer, manager, sampled).generate(List.of(prompt)));
      }
      assertThat(together).as("batch of three against one at a time").isEqualTo(alone);
      assertThat(together).as("sampling is not greedy").isNotEqualTo(cached);

      String first = cached.get(0);
      String stop = first.substring(3, 5);
      String cut = new Generator(model, tokenizer, manager, new GenerationSettings(24, List.of(stop), 0, 0, 3))
          .generate(PROMPTS.subList(0, 1)).get(0);
      assertThat(cut).isEqualTo(first.substring(0, first.indexOf(stop)));
    }
  }

  /** One prompt, no cache: the start token and the prompt, then argmax of the last position, fed whole each step. */
  private static String plainGreedy(IncrementalLm model, HuggingFaceTokenizer tokenizer, NDManager manager, String prompt,
      int steps) {
    List<Long> ids = new ArrayList<>();
    ids.add(model.startTokenId());
    for (long id : tokenizer.encode(prompt).getIds()) {
      ids.add(id);
    }
    List<Long> generated = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      try (NDManager scope = manager.newSubManager()) {
        NDArray input = scope.create(ids.stream().mapToLong(Long::longValue).toArray(), new Shape(1, ids.size()));
        float[] last = model.logits(input).get("0, -1, :").toFloatArray();
        int best = 0;
        for (int v = 1; v < last.length; v++) {
          if (last[v] > last[best]) {
            best = v;
          }
        }
        if (best == model.startTokenId()) {
          break;
        }
        ids.add((long) best);
        generated.add((long) best);
      }
    }
    return tokenizer.decode(generated.stream().mapToLong(Long::longValue).toArray());
  }
}

package io.modelmap.scorer.demo;

import io.modelmap.scorer.checkpoint.ByteLevelTokenizerJson;
import io.modelmap.scorer.checkpoint.ConfigFields;
import io.modelmap.scorer.checkpoint.Gpt2Checkpoint;
import io.modelmap.scorer.checkpoint.WeightScales;
import io.modelmap.scorer.model.Gpt2Config;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A GPT-2 checkpoint of any size with random weights and the byte-level tokenizer, for throughput
 * benchmarks: the vocabulary can be GPT-2's 50,257 so the output layer costs what a real one does.
 */
public final class RandomGpt2 {
  /** Larger than GPT-2's own start so activations are not near zero; the values only need to be plausible. */
  private static final WeightScales SCALES = new WeightScales(0.3, 0.05, 0.1, 0.1, 0.1, 0.1);

  private RandomGpt2() {}

  public static Path write(Path dir, int vocab, int width, int layers, int heads, int context, long seed)
      throws IOException {
    if (vocab < ByteLevelTokenizerJson.VOCAB_SIZE) {
      throw new IllegalArgumentException("the vocabulary must hold the 257 byte-level tokens");
    }
    Gpt2Config config = new Gpt2Config(vocab, context, width, layers, heads, 1e-5, ByteLevelTokenizerJson.END_OF_TEXT);
    Gpt2Checkpoint.random(config, seed, SCALES).write(dir, ConfigFields.SHAPE_ONLY, false);
    return dir;
  }
}

package io.modelmap.scorer.demo;

import io.modelmap.scorer.checkpoint.Gpt2Checkpoint;
import io.modelmap.scorer.checkpoint.WeightScales;
import io.modelmap.scorer.model.Gpt2Config;

/** The demo's tiny GPT-2: its size and the random base models the demo's family derives from. */
final class TinyGpt2Weights {
  static final Gpt2Config CONFIG = Gpt2Checkpoint.byteLevelConfig(64, 2, 4, 256);
  /** Embeddings this large make next-token distributions far from uniform. */
  private static final WeightScales SCALES = new WeightScales(0.35, 0.05, 0.15, 0.1, 0.15, 0.1);

  private TinyGpt2Weights() {}

  /** A random base model. */
  static Gpt2Checkpoint random(long seed) {
    return Gpt2Checkpoint.random(CONFIG, seed, SCALES);
  }
}

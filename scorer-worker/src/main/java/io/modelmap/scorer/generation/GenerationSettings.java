package io.modelmap.scorer.generation;

import java.util.List;

/**
 * How responses are generated.
 *
 * @param maxNewTokens tokens generated at most per prompt
 * @param stops strings that end a response (the response is cut before the first); may be empty
 * @param temperature 0 for greedy decoding, else sampling from softmax(logits / temperature)
 * @param seed the sampling seed; each prompt draws from its own stream (seed and prompt id), so a
 *     response does not depend on which prompts share its batch
 * @param batchSize prompts generated together
 */
public record GenerationSettings(int maxNewTokens, List<String> stops, double temperature, long seed, int batchSize) {
  public GenerationSettings {
    if (maxNewTokens < 1 || batchSize < 1 || !(temperature >= 0)) {
      throw new IllegalArgumentException("max new tokens and batch size ≥ 1 and a temperature ≥ 0; got "
          + maxNewTokens + ", " + batchSize + ", " + temperature);
    }
    stops = List.copyOf(stops);
  }

  public static GenerationSettings greedy(int maxNewTokens) {
    return new GenerationSettings(maxNewTokens, List.of(), 0, 0, 8);
  }
}

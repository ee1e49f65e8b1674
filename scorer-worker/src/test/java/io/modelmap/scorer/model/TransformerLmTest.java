package io.modelmap.scorer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The blocked log-softmax equals log-softmax over whole logits, across vocabulary blocks and row chunks. */
class TransformerLmTest {
  @Test
  void blockedLogSumExpEqualsTheWholeLogSoftmax() throws Exception {
    Path folder = Path.of(getClass().getResource("/fixtures/llama/config.json").toURI()).getParent();
    long[] input = {256, 72, 101, 108, 108, 111, 32, 119, 111, 114, 108, 100, 256, 33, 10, 9};
    long[] targets = new long[input.length];
    for (int i = 0; i < input.length; i++) {
      targets[i] = (input[(i + 1) % input.length] * 7 + i) % 257;
    }
    try (TransformerLm model = (TransformerLm) CausalLmLoader.load(folder, Device.cpu());
        NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      NDArray ids = manager.create(input, new Shape(2, 8));
      float[] whole = model.logits(ids).reshape(16, -1).logSoftmax(1)
          .gather(manager.create(targets, new Shape(16, 1)), 1).toFloatArray();
      // blocks of 10 columns (the last one 7 wide) and chunks of 3 rows (the last one 1 row)
      float[] blocked = model.targetLogProbabilities(ids, targets, 30, 10);
      for (int i = 0; i < whole.length; i++) {
        assertThat(blocked[i]).as("position %d", i).isCloseTo(whole[i], within(1e-5f * Math.abs(whole[i])));
      }
    }
  }
}

package io.modelmap.scorer.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A float16 overflow (a non-finite log-probability) is rescored in float32, only in the windows it hit. */
class Float16FallbackTest {

  /** The float16 model, with row 1 of every batch overflowing as a real overflow would: NaN. */
  private static final class Overflowing extends ForwardingLm {
    Overflowing(CausalLm inner) {
      super(inner);
    }

    @Override
    public float[] targetLogProbabilities(NDArray tokenIds, long[] targets, long logitBudget) {
      float[] values = inner.targetLogProbabilities(tokenIds, targets, logitBudget);
      int width = (int) tokenIds.getShape().get(1);
      if (tokenIds.getShape().get(0) > 1) {
        values[width + 2] = Float.NaN;
      }
      return values;
    }
  }

  @Test
  void rescoresTheOverflowedWindowInFloat32AndCountsIt() throws Exception {
    Path folder = Path.of(getClass().getResource("/fixtures/gpt_neox/config.json").toURI()).getParent();
    long[] ids = new long[2 * 8];
    long[] targets = new long[2 * 8];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = 32 + (i * 7) % 90;
      targets[i] = 32 + (i * 11) % 90;
    }
    AtomicInteger rescored = new AtomicInteger();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu());
        CausalLm half = CausalLmLoader.load(folder, Device.cpu(), "float16");
        CausalLm full = CausalLmLoader.load(folder, Device.cpu(), "float32");
        CausalLm guarded = new Float16Fallback(new Overflowing(CausalLmLoader.load(folder, Device.cpu(), "float16")),
            () -> CausalLmLoader.load(folder, Device.cpu(), "float32"), rescored::addAndGet)) {
      NDArray batch = manager.create(ids, new Shape(2, 8));
      float[] got = guarded.targetLogProbabilities(batch, targets, 1 << 20);
      float[] halfValues = half.targetLogProbabilities(batch, targets, 1 << 20);
      float[] row1 = full.targetLogProbabilities(manager.create(Arrays.copyOfRange(ids, 8, 16), new Shape(1, 8)),
          Arrays.copyOfRange(targets, 8, 16), 1 << 20);
      assertThat(Arrays.copyOfRange(got, 0, 8)).as("the finite window keeps its float16 values")
          .containsExactly(Arrays.copyOfRange(halfValues, 0, 8));
      assertThat(Arrays.copyOfRange(got, 8, 16)).as("the overflowed window is the float32 model's").containsExactly(row1);
      assertThat(rescored.get()).isEqualTo(1);
    }
  }
}

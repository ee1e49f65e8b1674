package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * A model scored in float16 that never publishes a wrong number because of the format's range: an
 * overflow (an activation past ±65,504 becomes ±∞, then NaN through the norms and the softmax) shows
 * as a non-finite log-probability, and every window holding one is scored again in float32. The
 * float32 twin is loaded on the first overflow only; {@code rescored} counts the windows rescored.
 */
public final class Float16Fallback extends ForwardingLm {
  /** Loads the float32 twin of the model. */
  public interface Loader {
    CausalLm load() throws IOException;
  }

  private final Loader float32;
  private final IntConsumer rescored;
  private CausalLm full;

  public Float16Fallback(CausalLm half, Loader float32, IntConsumer rescored) {
    super(half);
    this.float32 = float32;
    this.rescored = rescored;
  }

  @Override
  public float[] targetLogProbabilities(NDArray tokenIds, long[] targets, long logitBudget) {
    float[] logProbs = inner.targetLogProbabilities(tokenIds, targets, logitBudget);
    int rows = (int) tokenIds.getShape().get(0);
    int width = (int) tokenIds.getShape().get(1);
    int count = 0;
    for (int r = 0; r < rows; r++) {
      if (!finite(logProbs, r * width, (r + 1) * width)) {
        try (NDManager rowManager = tokenIds.getManager().newSubManager()) {
          NDArray row = tokenIds.get(r + ":" + (r + 1));
          row.attach(rowManager);
          float[] again = twin().targetLogProbabilities(row, Arrays.copyOfRange(targets, r * width, (r + 1) * width),
              logitBudget);
          System.arraycopy(again, 0, logProbs, r * width, width);
        }
        count++;
      }
    }
    if (count > 0) {
      rescored.accept(count);
    }
    return logProbs;
  }

  private static boolean finite(float[] values, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Float.isFinite(values[i])) {
        return false;
      }
    }
    return true;
  }

  private CausalLm twin() {
    if (full == null) {
      try {
        full = float32.load();
      } catch (IOException e) {
        throw new UncheckedIOException("float16 overflowed and the float32 model cannot be loaded: " + e.getMessage(), e);
      }
    }
    return full;
  }

  @Override
  public void close() {
    try {
      inner.close();
    } finally {
      if (full != null) {
        full.close();
      }
    }
  }
}

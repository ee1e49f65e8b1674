package io.modelmap.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * What libtorch's best case is on this device: the GFLOP/s of one large float32 matmul of the logits'
 * shape, [rows × width] · [width × vocab], the biggest single matmul of a forward pass.
 */
final class MatmulFloor {
  private MatmulFloor() {}

  /** The best of three, after a warm-up. */
  static double gflops(NDManager manager, int rows, int width, int vocab) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray a = scope.randomNormal(new Shape(rows, width));
      NDArray b = scope.randomNormal(new Shape(width, vocab));
      a.matMul(b).close(); // warm-up
      double best = Double.MAX_VALUE;
      for (int run = 0; run < 3; run++) {
        long started = System.nanoTime();
        NDArray c = a.matMul(b);
        c.getFloat(0, 0); // the product is complete when one entry is read back
        best = Math.min(best, (System.nanoTime() - started) / 1e9);
        c.close();
      }
      return 2.0 * rows * width * vocab / best / 1e9;
    }
  }
}

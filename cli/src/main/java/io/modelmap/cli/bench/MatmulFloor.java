package io.modelmap.cli.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * What libtorch's best case is on this device: the GFLOP/s of one large float32 matmul of the logits'
 * shape, [rows × width] · [width × vocab], the biggest single matmul of a forward pass.
 *
 * @param gflops per second of wall time
 * @param gflopsPerCpuSecond per second of the process's CPU time ({@link CpuClock})
 */
record MatmulFloor(double gflops, double gflopsPerCpuSecond) {

  /** The best of three, after a warm-up, by each clock. */
  static MatmulFloor measure(NDManager manager, int rows, int width, int vocab) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray a = scope.randomNormal(new Shape(rows, width));
      NDArray b = scope.randomNormal(new Shape(width, vocab));
      a.matMul(b).close(); // warm-up
      double wall = Double.MAX_VALUE;
      double cpu = Double.MAX_VALUE;
      for (int run = 0; run < 3; run++) {
        long started = System.nanoTime();
        long startedCpu = CpuClock.nanos();
        NDArray c = a.matMul(b);
        c.getFloat(0, 0); // the product is complete when one entry is read back
        wall = Math.min(wall, (System.nanoTime() - started) / 1e9);
        cpu = Math.min(cpu, (CpuClock.nanos() - startedCpu) / 1e9);
        c.close();
      }
      double flop = 2.0 * rows * width * vocab;
      return new MatmulFloor(flop / wall / 1e9, flop / cpu / 1e9);
    }
  }

  /** Wall-clock GFLOP/s, the best of three. */
  static double gflops(NDManager manager, int rows, int width, int vocab) {
    return measure(manager, rows, width, vocab).gflops();
  }
}

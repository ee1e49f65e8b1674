package io.modelmap.math;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The inner loops: KL of two rows from L (no Q materialised), and the overlap estimator on partial rows. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KlBenchmark {
  @Param("10000")
  int texts;

  private double[] a;
  private double[] b;
  private double[] partial;

  @Setup
  public void rows() {
    Random random = new Random(1);
    a = new double[texts];
    b = new double[texts];
    partial = new double[texts];
    for (int s = 0; s < texts; s++) {
      a[s] = -1000 * random.nextDouble();
      b[s] = a[s] - 10 * random.nextDouble();
      partial[s] = s % 2 == 0 ? b[s] : Double.NaN;
    }
  }

  @Benchmark
  public double fromRows() {
    return KlDivergence.fromRows(a, -500, b, -505);
  }

  @Benchmark
  public KlEstimate fromOverlapHalfScored() {
    return KlDivergence.fromOverlap(partial, a);
  }
}

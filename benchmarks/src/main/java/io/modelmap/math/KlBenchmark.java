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

/**
 * The inner loops: KL of two rows from L (no Q materialised), a completion batch's block of rows against
 * one complete row in each kernel (divide by 64·N for ns per pair and text), and the overlap estimator on
 * partial rows. The fork has the Vector API, as the aggregator's launchers give it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"--add-modules", "jdk.incubator.vector"})
public class KlBenchmark {
  @Param("10000")
  int texts;

  private double[] a;
  private double[] b;
  private double[] partial;
  private double[][] block;
  private double[] blockMeans;
  private double[] blockOut;
  private final CentredDistanceKernel scalar = new ScalarCentredDistances();
  private final CentredDistanceKernel vector = CentredDistanceKernel.best();

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
    block = new double[BLOCK][];
    blockMeans = new double[BLOCK];
    blockOut = new double[BLOCK];
    for (int r = 0; r < BLOCK; r++) {
      block[r] = random.doubles(texts, -1000, 0).toArray();
      blockMeans[r] = Vectors.mean(block[r]);
    }
  }

  /** Rows of a full completion batch (MatrixProcessor.MAX_BATCH). */
  private static final int BLOCK = 64;

  @Benchmark
  public double[] blockOf64Scalar() {
    scalar.sums(block, blockMeans, BLOCK, a, -500, blockOut);
    return blockOut;
  }

  @Benchmark
  public double[] blockOf64Vector() {
    if (!vector.description().startsWith("vector")) {
      throw new IllegalStateException("the fork lacks --add-modules jdk.incubator.vector");
    }
    vector.sums(block, blockMeans, BLOCK, a, -500, blockOut);
    return blockOut;
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

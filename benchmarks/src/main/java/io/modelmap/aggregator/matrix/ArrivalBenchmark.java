package io.modelmap.aggregator.matrix;

import io.modelmap.producer.synthetic.SyntheticMatrix;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The aggregator's work when one model completes at K ≈ 1,000, N = 10,000: its KL to every complete
 * row, one offer into each top-k list, and the new column means (what {@link MatrixProcessor} does
 * before publishing). Each invocation adds one more row, so K grows by a few dozen during a run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "--add-modules", "jdk.incubator.vector"}) // as the aggregator runs
public class ArrivalBenchmark {
  @Param("1000")
  int models;

  @Param("10000")
  int texts;

  private SyntheticMatrix synthetic;
  private CorpusMatrix matrix;
  private String arriving;
  private int arrivals;

  @Setup(Level.Trial)
  public void fillMatrix() {
    synthetic = new SyntheticMatrix(models, texts, 40, 1);
    matrix = new CorpusMatrix("bench", 10, OptionalDouble.empty());
    for (int s = 0; s < texts; s++) {
      matrix.addText(synthetic.textId(s), s, texts, synthetic.byteLength(s), "synthetic");
    }
    for (int i = 0; i < models - 1; i++) {
      fill(synthetic.modelId(i), synthetic.row(i));
      matrix.complete(java.util.List.of(synthetic.modelId(i)));
    }
  }

  @Setup(Level.Invocation)
  public void nextRow() {
    arriving = "arrival-" + arrivals++;
    double[] row = synthetic.row(models - 1);
    for (int s = 0; s < row.length; s++) {
      row[s] -= 0.001 * arrivals;
    }
    fill(arriving, row);
  }

  private void fill(String id, double[] row) {
    ModelRow target = matrix.row(id);
    for (int s = 0; s < row.length; s++) {
      target.offer(s, row[s]);
    }
  }

  @Benchmark
  public double[] completeOneModel() {
    matrix.complete(java.util.List.of(arriving));
    return matrix.columnMeans();
  }
}

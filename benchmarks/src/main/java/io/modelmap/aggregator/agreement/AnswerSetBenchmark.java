package io.modelmap.aggregator.agreement;

import java.util.Random;
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

/** One model's complete answer set against K models that answered M items: O(K·M) pair updates. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx2g")
public class AnswerSetBenchmark {
  @Param("200")
  int models;

  @Param("2000")
  int items;

  private AgreementState state;
  private int[] answers;
  private int arrivals;

  @Setup(Level.Trial)
  public void answerAll() {
    Random random = new Random(1);
    state = new AgreementState();
    for (int i = 0; i < items; i++) {
      state.addItem("b/" + i, random.nextInt(4), 4);
    }
    for (int m = 0; m < models; m++) {
      for (int i = 0; i < items; i++) {
        state.answer("model-" + m, i, random.nextInt(5) - 1);
      }
      state.drainChangedPairs();
    }
    answers = new int[items];
    for (int i = 0; i < items; i++) {
      answers[i] = random.nextInt(4);
    }
  }

  @Benchmark
  public int answerSetOfOneMoreModel() {
    String model = "arrival-" + arrivals++;
    for (int i = 0; i < items; i++) {
      state.answer(model, i, answers[i]);
    }
    return state.drainChangedPairs().size();
  }
}

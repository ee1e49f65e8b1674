package io.modelmap.eval.embedllm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;

/** The router's timing protocol: a fixed number of questions (the test set repeated) routed several times. */
public final class RoutingTime {
  /** Questions routed per run. */
  public static final int QUESTIONS = 3000;

  private RoutingTime() {}

  /** {@code questions} repeated in order, the last copy cut, to exactly {@code count} entries. */
  public static List<Integer> repeated(List<Integer> questions, int count) {
    if (questions.isEmpty()) {
      throw new IllegalArgumentException("nothing to repeat");
    }
    List<Integer> out = new ArrayList<>(count);
    while (out.size() < count) {
      out.addAll(questions.subList(0, Math.min(questions.size(), count - out.size())));
    }
    return out;
  }

  /** The median wall time of {@code runs} calls of {@code work}, in milliseconds (the upper median for even runs). */
  public static double medianMs(IntSupplier work, int runs) {
    double[] times = new double[runs];
    int sink = 0;
    for (int r = 0; r < runs; r++) {
      long begun = System.nanoTime();
      sink += work.getAsInt();
      times[r] = (System.nanoTime() - begun) / 1e6;
    }
    Arrays.sort(times);
    return times[runs / 2] + (sink == Integer.MIN_VALUE ? 1 : 0); // the sink keeps the work from being elided
  }
}

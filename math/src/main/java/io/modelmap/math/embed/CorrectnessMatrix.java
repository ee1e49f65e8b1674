package io.modelmap.math.embed;

import java.util.ArrayList;
import java.util.List;

/** Which model answered which question right: [model][question] 1 right, 0 wrong, −1 not answered. */
public record CorrectnessMatrix(int[][] cells) {

  public int models() {
    return cells.length;
  }

  public boolean answered(int model, int question) {
    return cells[model][question] >= 0;
  }

  public boolean right(int model, int question) {
    return cells[model][question] == 1;
  }

  /** Every answered (model, question) of {@code questions}, except {@code leaveOut}'s (−1: none left out). */
  public List<Correctness> observations(List<Integer> questions, int leaveOut) {
    List<Correctness> out = new ArrayList<>();
    for (int m = 0; m < cells.length; m++) {
      if (m == leaveOut) {
        continue;
      }
      for (int q : questions) {
        if (answered(m, q)) {
          out.add(new Correctness(m, q, right(m, q)));
        }
      }
    }
    return out;
  }

  /** A model's accuracy on the answered ones of {@code questions} (0 with none). */
  public double accuracy(int model, List<Integer> questions) {
    long right = 0;
    long total = 0;
    for (int q : questions) {
      if (answered(model, q)) {
        right += cells[model][q];
        total++;
      }
    }
    return total == 0 ? 0 : (double) right / total;
  }

  /** The share of answered pairs of {@code questions} where {@code predict} says right exactly when the model was. */
  public double agreement(List<Integer> questions, Prediction predict) {
    long agree = 0;
    long total = 0;
    for (int m = 0; m < cells.length; m++) {
      for (int q : questions) {
        if (answered(m, q)) {
          agree += predict.right(m, q) == right(m, q) ? 1 : 0;
          total++;
        }
      }
    }
    return (double) agree / total;
  }

  /** A predicted correctness. */
  @FunctionalInterface
  public interface Prediction {
    boolean right(int model, int question);
  }
}

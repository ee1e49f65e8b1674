package io.modelmap.math.collab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * CPP's protocols (App. C.2): known cells held out, the rest fitted on the normalised scale, the
 * held-out cells scored. The scale is the paper's ({@link ModelNormalisation}) and, as in the paper's
 * code, taken from the whole matrix before the split: a held-out score can set its model's minimum
 * or maximum, so the numbers compare with the paper's, not with a deployment, which has no such
 * scale for a model without scores.
 */
public final class HeldOutProtocol {
  private HeldOutProtocol() {}

  /** Fits a model on the training cells (normalised) of the matrix. */
  @FunctionalInterface
  public interface Method {
    CollaborativeModel fit(List<ScoreMatrix.Cell> normalisedCells, long seed);
  }

  /** Table 1: {@code heldOutShare} of every known cell held out at random. */
  public static HeldOutQuality run(ScoreMatrix scores, Method method, double heldOutShare, long seed) {
    List<ScoreMatrix.Cell> cells = new ArrayList<>(scores.knownCells());
    Collections.shuffle(cells, new Random(seed));
    int held = Math.max(1, (int) Math.round(heldOutShare * cells.size()));
    return fitAndScore(scores, method, cells.subList(0, held), seed);
  }

  /**
   * Table 4 (CPP-0, CPP-2): every known score of one model held out but {@code kept} of them, drawn
   * by {@code seed}; the model enters through its factors and the kept scores.
   */
  public static HeldOutQuality runForModel(ScoreMatrix scores, Method method, int model, int kept, long seed) {
    List<ScoreMatrix.Cell> own = new ArrayList<>(scores.knownCells().stream().filter(c -> c.model() == model).toList());
    if (own.size() <= kept) {
      throw new IllegalArgumentException(scores.models().get(model) + " has " + own.size() + " scores; keeping "
          + kept + " leaves none to predict");
    }
    Collections.shuffle(own, new Random(seed));
    return fitAndScore(scores, method, own.subList(kept, own.size()), seed);
  }

  private static HeldOutQuality fitAndScore(ScoreMatrix scores, Method method, List<ScoreMatrix.Cell> heldOut,
      long seed) {
    ScoreMatrix training = without(scores, heldOut);
    ModelNormalisation scale = ModelNormalisation.of(scores);
    List<ScoreMatrix.Cell> normalised = training.knownCells().stream()
        .map(c -> new ScoreMatrix.Cell(c.model(), c.task(), scale.normalised(c.model(), c.value()))).toList();
    CollaborativeModel model = method.fit(normalised, seed);
    return HeldOutQuality.of(scores, scale, model, heldOut);
  }

  private static ScoreMatrix without(ScoreMatrix scores, List<ScoreMatrix.Cell> cells) {
    double[][] values = new double[scores.models().size()][scores.tasks().size()];
    for (int m = 0; m < values.length; m++) {
      for (int t = 0; t < values[m].length; t++) {
        values[m][t] = scores.score(m, t);
      }
    }
    cells.forEach(c -> values[c.model()][c.task()] = Double.NaN);
    return new ScoreMatrix(scores.models(), scores.tasks(), values);
  }
}

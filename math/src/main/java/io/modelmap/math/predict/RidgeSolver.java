package io.modelmap.math.predict;

/**
 * Which form of ridge from Q to fit, by size: the dual ({@link RidgePath}, O(|T|³) on the |T|×|T|
 * distances) while the training models are few next to the coordinates, the primal
 * ({@link CoordinateRidgePath}, O(|T|·N² + N³) on the N coordinates) once they are many. Both give the
 * same predictions; the rule only picks the cheaper one, at the crossover measured by
 * {@code RidgeFormBenchmark} (docs/RESULTS.md, "Ridge from Q: dual or primal").
 */
public enum RidgeSolver {
  /** From the training models' squared distances. */
  DUAL,
  /** From the training models' coordinates. */
  PRIMAL;

  /**
   * The primal form is chosen once the training models outnumber the coordinates by this factor
   * (measured at N = 1,000: see the class comment).
   */
  public static final double PRIMAL_ABOVE_MODELS_PER_COORDINATE = 1.0;

  /** The cheaper form for {@code models} training models with {@code coordinates} coordinates each. */
  public static RidgeSolver forSize(int models, int coordinates) {
    return models > PRIMAL_ABOVE_MODELS_PER_COORDINATE * coordinates ? PRIMAL : DUAL;
  }

  /** The ridge data of these coordinate rows in the form {@link #forSize} picks. */
  public static RidgeData dataFor(double[][] coordinates) {
    int n = coordinates.length == 0 ? 0 : coordinates[0].length;
    return forSize(coordinates.length, n) == PRIMAL ? new RidgeData.Coordinates(coordinates)
        : RidgeData.SquaredDistances.between(coordinates);
  }
}

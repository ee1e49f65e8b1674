package io.modelmap.math.predict;

/**
 * Which form of ridge from Q to fit, by size: the dual ({@link RidgePath}, O(|T|³) on the |T|×|T|
 * distances) while the training models are few next to the coordinates, the primal
 * ({@link CoordinateRidgePath}, O(|T|·N² + N³) on the N coordinates) once they are many. Both give the
 * same predictions; the rule only picks the cheaper one, at the crossover measured by the benchmarks
 * module's {@code RidgeFormBenchmark} (docs/RESULTS.md, "Ridge from Q: dual or primal").
 */
public enum RidgeSolver {
  /** From the training models' squared distances. */
  DUAL,
  /** From the training models' coordinates. */
  PRIMAL;

  /**
   * The primal form is chosen once the models outnumber the coordinates by this factor. Measured at
   * N = 1,000 (docs/RESULTS.md): one path costs the same both ways at K ≈ 1.1·N (dual 1.25 s, primal
   * 1.76 s of CPU at K = N; the dual grows as K³); the whole grouped protocol, whose inner paths train on
   * about two thirds of the models, at K ≈ 1.5·N (dual 12.6 s, primal 39.0 s at K = N). The form is
   * chosen once per protocol, so the protocol's crossover sets it.
   */
  public static final double PRIMAL_ABOVE_MODELS_PER_COORDINATE = 1.5;

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

package io.modelmap.math.predict;

/**
 * What a ridge from Q is fitted on, for a set of models: their squared distances (the dual form,
 * {@link RidgePath}) or their coordinates (the primal form, {@link CoordinateRidgePath}).
 * {@link RidgeCrossValidation} runs the same protocol on either and the two give the same predictions
 * and choose the same α; {@link RidgeSolver} says which to build.
 */
public sealed interface RidgeData permits RidgeData.SquaredDistances, RidgeData.Coordinates {
  /** How many models. */
  int size();

  /** ½·mean_ij D²_ij = mean_i ‖x_i − x̄‖² over these models: the unit of the α grid. */
  double alphaScale();

  /** The same data for some of the models, in the order given. */
  RidgeData subset(int[] models);

  /**
   * Predictions of models {@code test} from the fit on models {@code train} with their scores, for
   * each α: [α index][test index].
   */
  double[][] predictHeldOut(int[] train, double[] trainScores, int[] test, double[] alphas);

  /** The fit on every model at one α. */
  FittedRidge fit(double[] y, double alpha);

  /**
   * K×K squared distances among the models (symmetric, zero diagonal), in any scaling of Q: α is in
   * that scaling's units.
   */
  record SquaredDistances(double[][] squared) implements RidgeData {
    /** The distances between rows of coordinates: the dual form of {@link Coordinates}. */
    public static SquaredDistances between(double[][] coordinates) {
      int m = coordinates.length;
      double[][] d = new double[m][m];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < i; j++) {
          double sum = 0;
          for (int s = 0; s < coordinates[i].length; s++) {
            double diff = coordinates[i][s] - coordinates[j][s];
            sum += diff * diff;
          }
          d[i][j] = sum;
          d[j][i] = sum;
        }
      }
      return new SquaredDistances(d);
    }

    @Override
    public int size() {
      return squared.length;
    }

    @Override
    public double alphaScale() {
      int m = squared.length;
      double total = 0;
      for (double[] row : squared) {
        for (double d : row) {
          total += d;
        }
      }
      return total / (2.0 * m * m); // mean_i g_ii = ½·mean_ij D²_ij
    }

    @Override
    public SquaredDistances subset(int[] models) {
      return new SquaredDistances(sub(models, models));
    }

    @Override
    public double[][] predictHeldOut(int[] train, double[] trainScores, int[] test, double[] alphas) {
      return RidgePath.of(sub(train, train), trainScores).predict(sub(test, train), alphas);
    }

    @Override
    public DistanceRidge fit(double[] y, double alpha) {
      return RidgePath.of(squared, y).at(alpha);
    }

    private double[][] sub(int[] rows, int[] columns) {
      double[][] out = new double[rows.length][columns.length];
      for (int r = 0; r < rows.length; r++) {
        for (int c = 0; c < columns.length; c++) {
          out[r][c] = squared[rows[r]][columns[c]];
        }
      }
      return out;
    }
  }

  /**
   * One row of N coordinates per model: q_i, or ξ_i (the same fit: it centres over the training
   * models), scaled as the distances of the dual would be (‖x_i − x_j‖² = D²_ij).
   */
  record Coordinates(double[][] rows) implements RidgeData {
    @Override
    public int size() {
      return rows.length;
    }

    @Override
    public double alphaScale() {
      int m = rows.length;
      int n = m == 0 ? 0 : rows[0].length;
      double[] centroid = new double[n];
      for (double[] row : rows) {
        for (int s = 0; s < n; s++) {
          centroid[s] += row[s] / m;
        }
      }
      double total = 0;
      for (double[] row : rows) {
        for (int s = 0; s < n; s++) {
          double diff = row[s] - centroid[s];
          total += diff * diff;
        }
      }
      return total / m;
    }

    @Override
    public Coordinates subset(int[] models) {
      return new Coordinates(pick(models));
    }

    @Override
    public double[][] predictHeldOut(int[] train, double[] trainScores, int[] test, double[] alphas) {
      return CoordinateRidgePath.of(pick(train), trainScores).predict(pick(test), alphas);
    }

    @Override
    public CoordinateRidge fit(double[] y, double alpha) {
      return CoordinateRidgePath.of(rows, y).at(alpha);
    }

    private double[][] pick(int[] models) {
      double[][] out = new double[models.length][];
      for (int i = 0; i < models.length; i++) {
        out[i] = rows[models[i]];
      }
      return out;
    }
  }
}

package io.modelmap.math.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class DistanceRidgeTest {
  private static final int MODELS = 30;
  private static final int TRAIN = 20;

  /** Primal ridge on the coordinates, written out: w = (XᵀX + αI)⁻¹Xᵀ(y − ȳ), X the centred training rows. */
  private static double[] primal(double[][] q, double[] y, double alpha) {
    int n = q[0].length;
    double[] centroid = new double[n];
    double mean = 0;
    for (int i = 0; i < TRAIN; i++) {
      mean += y[i] / TRAIN;
      for (int s = 0; s < n; s++) {
        centroid[s] += q[i][s] / TRAIN;
      }
    }
    RealMatrix x = new Array2DRowRealMatrix(TRAIN, n);
    double[] target = new double[TRAIN];
    for (int i = 0; i < TRAIN; i++) {
      target[i] = y[i] - mean;
      for (int s = 0; s < n; s++) {
        x.setEntry(i, s, q[i][s] - centroid[s]);
      }
    }
    RealMatrix normal = x.transpose().multiply(x);
    for (int s = 0; s < n; s++) {
      normal.addToEntry(s, s, alpha);
    }
    double[] w = new LUDecomposition(normal).getSolver()
        .solve(x.transpose().operate(new ArrayRealVector(target))).toArray();
    double[] predictions = new double[MODELS];
    for (int j = 0; j < MODELS; j++) {
      predictions[j] = mean;
      for (int s = 0; s < n; s++) {
        predictions[j] += (q[j][s] - centroid[s]) * w[s];
      }
    }
    return predictions;
  }

  private static double squaredDistance(double[] a, double[] b) {
    double sum = 0;
    for (int s = 0; s < a.length; s++) {
      sum += (a[s] - b[s]) * (a[s] - b[s]);
    }
    return sum;
  }

  @Test
  void theDualFitOnDistancesEqualsPrimalRidgeOnTheCoordinatesForModelsInAndOutOfTheTrainingSet() {
    Random random = new Random(7);
    double[][] q = new double[MODELS][50];
    double[] y = new double[MODELS];
    for (int j = 0; j < MODELS; j++) {
      for (int s = 0; s < q[j].length; s++) {
        q[j][s] = 3 * random.nextGaussian() + (s == 0 ? 10 : 0);
      }
      y[j] = 0.6 + 0.02 * q[j][0] - 0.01 * q[j][3] + 0.01 * random.nextGaussian();
    }
    double[][] train = new double[TRAIN][TRAIN];
    for (int i = 0; i < TRAIN; i++) {
      for (int k = 0; k < TRAIN; k++) {
        train[i][k] = squaredDistance(q[i], q[k]);
      }
    }
    for (double alpha : new double[] {0.01, 1, 100}) {
      DistanceRidge ridge = DistanceRidge.fit(train, java.util.Arrays.copyOf(y, TRAIN), alpha);
      double[] expected = primal(q, y, alpha);
      for (int j = 0; j < MODELS; j++) {
        double[] toTrain = new double[TRAIN];
        for (int i = 0; i < TRAIN; i++) {
          toTrain[i] = squaredDistance(q[j], q[i]);
        }
        assertThat(ridge.predict(toTrain)).as("model %d, alpha %s", j, alpha)
            .isCloseTo(expected[j], within(1e-8 * Math.abs(expected[j])));
      }
    }
  }

  @Test
  void thePathFromOneEigendecompositionEqualsPrimalRidgeForEveryAlpha() {
    Random random = new Random(3);
    double[][] q = new double[MODELS][12]; // fewer coordinates than training models: G_T is singular
    double[] y = new double[MODELS];
    for (int j = 0; j < MODELS; j++) {
      for (int s = 0; s < q[j].length; s++) {
        q[j][s] = 2 * random.nextGaussian();
      }
      y[j] = 0.5 + 0.03 * q[j][1] + 0.01 * random.nextGaussian();
    }
    double[][] train = new double[TRAIN][TRAIN];
    double[][] toTrain = new double[MODELS][TRAIN];
    for (int j = 0; j < MODELS; j++) {
      for (int i = 0; i < TRAIN; i++) {
        toTrain[j][i] = squaredDistance(q[j], q[i]);
        if (j < TRAIN) {
          train[j][i] = toTrain[j][i];
        }
      }
    }
    double[] alphas = {1e-3, 0.1, 10, 1000};
    RidgePath path = RidgePath.of(train, java.util.Arrays.copyOf(y, TRAIN));
    double[][] predicted = path.predict(toTrain, alphas);
    for (int a = 0; a < alphas.length; a++) {
      double[] expected = primal(q, y, alphas[a]);
      for (int j = 0; j < MODELS; j++) {
        assertThat(predicted[a][j]).as("model %d, alpha %s", j, alphas[a])
            .isCloseTo(expected[j], within(1e-8 * Math.abs(expected[j])));
        assertThat(path.at(alphas[a]).predict(toTrain[j])).isCloseTo(expected[j], within(1e-8 * Math.abs(expected[j])));
      }
    }
  }

  @Test
  void aHugePenaltyPredictsTheTrainingMeanAndTheFitRefusesBadInput() {
    double[][] d = {{0, 1, 4}, {1, 0, 1}, {4, 1, 0}}; // three models on a line at 0, 1, 2
    DistanceRidge flat = DistanceRidge.fit(d, new double[] {1, 2, 6}, 1e12);
    assertThat(flat.predict(new double[] {9, 4, 1})).isCloseTo(3, within(1e-9));
    // α → 0 on collinear points: least squares through (0,1), (1,2), (2,6): slope 2.5, intercept 0.5; x = 3 → 8
    assertThat(DistanceRidge.fit(d, new double[] {1, 2, 6}, 1e-9).predict(new double[] {9, 4, 1}))
        .isCloseTo(8, within(1e-6));
    assertThatThrownBy(() -> DistanceRidge.fit(d, new double[] {1, 2}, 1)).hasMessageContaining("3 distance rows for 2");
    assertThatThrownBy(() -> DistanceRidge.fit(d, new double[] {1, 2, 3}, 0)).hasMessageContaining("alpha");
  }
}

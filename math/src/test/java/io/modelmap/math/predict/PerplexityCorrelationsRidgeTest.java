package io.modelmap.math.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.math.testdata.PerplexityCorrelations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * modelmap §5's protocol on real data: 89 Hugging Face models' L on 263 documents
 * (perplexity-correlations), accuracy on arc_easy and piqa predicted from Q with folds grouped by
 * organisation, against primal ridge on Q written out here with its own inner α search.
 */
class PerplexityCorrelationsRidgeTest {
  private static final int FOLDS = 5;
  private static List<String> models;
  private static List<String> orgs;
  private static double[][] q;
  private static double[][] d;
  private static Map<String, Map<String, Double>> errors;

  @BeforeAll
  static void read() {
    PerplexityCorrelations data = PerplexityCorrelations.read();
    models = data.models();
    orgs = data.orgs();
    q = data.q();
    d = data.squaredDistances();
    errors = data.errors();
  }

  @Test
  void outOfFoldAccuracyFromQMatchesPrimalRidgeOnTheSameFolds() {
    assertThat(models).hasSize(89);
    for (String benchmark : List.of("arc_easy", "piqa")) {
      double[] y = new double[models.size()];
      for (int m = 0; m < models.size(); m++) {
        y[m] = 1 - errors.get(benchmark).get(models.get(m));
      }
      RidgeCrossValidation.OutOfFold result = RidgeCrossValidation.outOfFold(d, y, orgs, FOLDS);
      double[] independent = primalProtocol(y, result.folds());

      for (int m = 0; m < models.size(); m++) {
        assertThat(result.outOfFold()[m]).as("%s of %s", benchmark, models.get(m))
            .isCloseTo(independent[m], within(1e-6));
      }
      double r = new PearsonsCorrelation().correlation(result.outOfFold(), y);
      double rho = new SpearmansCorrelation().correlation(result.outOfFold(), y);
      System.out.printf("perplexity-correlations %s: %d models, %d org-grouped folds, Pearson r %.3f, Spearman rho %.3f,"
          + " alpha per fold %s of grid %s%n", benchmark, models.size(), FOLDS, r, rho,
          java.util.Arrays.toString(result.alphas()), java.util.Arrays.toString(RidgeCrossValidation.alphaGrid(d)));
      assertThat(r).as("Pearson r on %s (NumPy, same protocol: about 0.96-0.98)", benchmark).isGreaterThan(0.9);
      assertThat(rho).as("Spearman rho on %s", benchmark).isGreaterThan(0.85);
    }
  }

  @Test
  void theEffectiveDimensionFromDistancesEqualsAnSvdOfQ() {
    io.modelmap.math.map.EffectiveDimension fromDistances = io.modelmap.math.map.EffectiveDimension.of(d);
    // Q is already column-centred over these models: its squared singular values are the variances
    double[] singular = new SingularValueDecomposition(new Array2DRowRealMatrix(q)).getSingularValues();
    double total = java.util.Arrays.stream(singular).map(v -> v * v).sum();
    double running = 0;
    for (int k = 0; k < singular.length; k++) {
      running += singular[k] * singular[k];
      assertThat(fromDistances.cumulativeShare()[k]).as("share of the first %d axes", k + 1)
          .isCloseTo(running / total, within(1e-9));
    }
    System.out.printf("perplexity-correlations: effective dimension %d (90 %%), %d (95 %%) of %d models%n",
        fromDistances.dimensionFor(0.90), fromDistances.dimensionFor(0.95), models.size());
    assertThat(fromDistances.dimensionFor(0.90)).isLessThan(fromDistances.dimensionFor(0.95));
  }

  /**
   * The same protocol in the primal: per outer fold, an inner org-grouped search over the same
   * α grid (the mean squared norm of the centred training rows, ½·mean of their squared distances,
   * × 10^-8 ... 10^4 by decades), then ridge on the centred coordinates.
   */
  private double[] primalProtocol(double[] y, int[] folds) {
    double[] predicted = new double[y.length];
    for (int fold = 0; fold < GroupedFolds.count(folds); fold++) {
      List<Integer> train = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        if (folds[i] != fold) {
          train.add(i);
        }
      }
      java.util.function.ToDoubleFunction<double[]> ridge = primal(train, y, innerAlpha(train, y));
      for (int j = 0; j < y.length; j++) {
        if (folds[j] == fold) {
          predicted[j] = ridge.applyAsDouble(q[j]);
        }
      }
    }
    return predicted;
  }

  private double innerAlpha(List<Integer> train, double[] y) {
    List<String> groups = train.stream().map(orgs::get).toList();
    int[] inner = GroupedFolds.assign(groups, FOLDS);
    double scale = 0;
    double[] centroid = centroid(train);
    for (int i : train) {
      for (int s = 0; s < centroid.length; s++) {
        scale += (q[i][s] - centroid[s]) * (q[i][s] - centroid[s]) / centroid.length;
      }
    }
    scale /= train.size();
    double best = Double.NaN;
    double bestError = Double.POSITIVE_INFINITY;
    for (int k = -8; k <= 4; k++) {
      double alpha = scale * Math.pow(10, k);
      double error = 0;
      for (int fold = 0; fold < GroupedFolds.count(inner); fold++) {
        List<Integer> innerTrain = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
          if (inner[i] != fold) {
            innerTrain.add(train.get(i));
          }
        }
        java.util.function.ToDoubleFunction<double[]> ridge = primal(innerTrain, y, alpha);
        for (int i = 0; i < train.size(); i++) {
          if (inner[i] == fold) {
            double e = ridge.applyAsDouble(q[train.get(i)]) - y[train.get(i)];
            error += e * e;
          }
        }
      }
      if (error < bestError) {
        bestError = error;
        best = alpha;
      }
    }
    return best;
  }

  private double[] centroid(List<Integer> rows) {
    double[] c = new double[q[0].length];
    for (int i : rows) {
      for (int s = 0; s < c.length; s++) {
        c[s] += q[i][s] / rows.size();
      }
    }
    return c;
  }

  /** Ridge on q/√N (the scaling of the distances): w = (XᵀX + αI)⁻¹Xᵀ(y − ȳ), predicted ȳ + (x − x̄)ᵀw. */
  private java.util.function.ToDoubleFunction<double[]> primal(List<Integer> train, double[] y, double alpha) {
    int n = q[0].length;
    double root = Math.sqrt(n);
    double[] centroid = centroid(train);
    double mean = train.stream().mapToDouble(i -> y[i]).average().orElseThrow();
    RealMatrix x = new Array2DRowRealMatrix(train.size(), n);
    double[] centred = new double[train.size()];
    for (int r = 0; r < train.size(); r++) {
      centred[r] = y[train.get(r)] - mean;
      for (int s = 0; s < n; s++) {
        x.setEntry(r, s, (q[train.get(r)][s] - centroid[s]) / root);
      }
    }
    // w = V·diag(s/(s² + α))·Uᵀ(y − ȳ) from the SVD X = U·S·Vᵀ: the primal solution, stable for tiny α
    SingularValueDecomposition svd = new SingularValueDecomposition(x);
    double[] singular = svd.getSingularValues();
    double[] projected = svd.getUT().operate(centred);
    for (int k = 0; k < singular.length; k++) {
      projected[k] *= singular[k] / (singular[k] * singular[k] + alpha);
    }
    double[] w = svd.getV().operate(projected);
    return target -> {
      double prediction = mean;
      for (int s = 0; s < n; s++) {
        prediction += (target[s] - centroid[s]) / root * w[s];
      }
      return prediction;
    };
  }
}

package io.modelmap.math.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.math.DoubleCentering;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
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
  private static final String DATA = "/data/perplexity-correlations/";
  private static final int FOLDS = 5;
  private static final List<String> models = new ArrayList<>();
  private static final List<String> orgs = new ArrayList<>();
  private static double[][] q;
  private static Map<String, Map<String, Double>> errors;

  @BeforeAll
  static void read() throws IOException {
    List<CSVRecord> bpb = csv("bpb_per_doc.csv");
    List<String> header = bpb.get(0).toList();
    List<Integer> columns = new ArrayList<>();
    for (int c = 1; c < header.size(); c++) {
      String[] tuple = tuple(header.get(c));
      if (!models.contains(tuple[1])) { // LLM360/Amber appears twice: keep the first
        models.add(tuple[1]);
        orgs.add(tuple[0]);
        columns.add(c);
      }
    }
    int docs = bpb.size() - 1;
    List<double[]> xi = new ArrayList<>();
    for (int m = 0; m < models.size(); m++) {
      double[] l = new double[docs];
      for (int d = 0; d < docs; d++) {
        l[d] = -Double.parseDouble(bpb.get(d + 1).get(columns.get(m))) * Math.log(2);
      }
      xi.add(DoubleCentering.rowCentred(l));
    }
    double[] means = DoubleCentering.columnMeans(xi);
    q = xi.stream().map(row -> DoubleCentering.qRow(row, means)).toArray(double[][]::new);
    errors = new LinkedHashMap<>();
    List<CSVRecord> error = csv("error.csv");
    List<String> errorHeader = error.get(0).toList();
    for (CSVRecord row : error.subList(1, error.size())) {
      Map<String, Double> byModel = new LinkedHashMap<>();
      for (int c = 1; c < errorHeader.size(); c++) {
        byModel.put(tuple(errorHeader.get(c))[1], Double.parseDouble(row.get(c)));
      }
      errors.put(row.get(0), byModel);
    }
  }

  private static List<CSVRecord> csv(String name) throws IOException {
    try (Reader in = new InputStreamReader(PerplexityCorrelationsRidgeTest.class.getResourceAsStream(DATA + name),
        StandardCharsets.UTF_8)) {
      return CSVFormat.RFC4180.parse(in).getRecords();
    }
  }

  /** {@code ('org', 'org/name')} → {org, org/name}. */
  private static String[] tuple(String cell) {
    String[] parts = cell.substring(1, cell.length() - 1).split(", ");
    return new String[] {parts[0].replace("'", ""), parts[1].replace("'", "")};
  }

  private static double squaredDistance(double[] a, double[] b) {
    double sum = 0;
    for (int s = 0; s < a.length; s++) {
      sum += (a[s] - b[s]) * (a[s] - b[s]);
    }
    return sum / a.length; // ‖q_i − q_j‖²/N = 2·KL_ij: what the aggregator keeps
  }

  @Test
  void outOfFoldAccuracyFromQMatchesPrimalRidgeOnTheSameFolds() {
    assertThat(models).hasSize(89);
    for (String benchmark : List.of("arc_easy", "piqa")) {
      double[] y = new double[models.size()];
      for (int m = 0; m < models.size(); m++) {
        y[m] = 1 - errors.get(benchmark).get(models.get(m));
      }
      double[][] d = new double[models.size()][models.size()];
      for (int i = 0; i < models.size(); i++) {
        for (int j = 0; j < models.size(); j++) {
          d[i][j] = squaredDistance(q[i], q[j]);
        }
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
    double[][] d = new double[models.size()][models.size()];
    for (int i = 0; i < models.size(); i++) {
      for (int j = 0; j < models.size(); j++) {
        d[i][j] = squaredDistance(q[i], q[j]);
      }
    }
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

package io.modelmap.eval.cpp;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * Two methods' metric on the same splits, compared split by split: the mean and sample sd of the
 * differences a − b, how many splits favour a (a below b, for losses), and two-sided p-values of the
 * paired t-test and of Wilcoxon's signed-rank test (Commons Math: exact up to 30 splits when no
 * difference is 0 and no two |differences| tie, as the exact distribution assumes; the normal
 * approximation otherwise, e.g. for shares of a few held-out cells). NaN p-values with fewer than two splits.
 *
 * @param label what is compared, e.g. "NCF + factors − NCF, MSE"
 * @param splits the number of paired splits
 * @param meanDifference mean of a − b
 * @param sdDifference sample sd of a − b
 * @param aLower splits where a is below b
 * @param tTestP the paired t-test's two-sided p
 * @param wilcoxonP the signed-rank test's two-sided p
 */
public record PairedDifference(String label, int splits, double meanDifference, double sdDifference, int aLower,
    double tTestP, double wilcoxonP) {
  private static final int EXACT_WILCOXON_UP_TO = 30;

  public static PairedDifference of(String label, double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(label + ": " + a.length + " against " + b.length + " splits");
    }
    int n = a.length;
    double[] d = new double[n];
    int lower = 0;
    for (int i = 0; i < n; i++) {
      d[i] = a[i] - b[i];
      lower += a[i] < b[i] ? 1 : 0;
    }
    double mean = Arrays.stream(d).average().orElse(Double.NaN);
    double sd = Math.sqrt(Arrays.stream(d).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, n - 1));
    boolean testable = n >= 2 && Arrays.stream(d).anyMatch(v -> v != 0);
    double t = testable ? new TTest().pairedTTest(a, b) : Double.NaN;
    boolean exact = n <= EXACT_WILCOXON_UP_TO && Arrays.stream(d).allMatch(v -> v != 0)
        && Arrays.stream(d).map(Math::abs).distinct().count() == n;
    double w = testable ? new WilcoxonSignedRankTest().wilcoxonSignedRankTest(a, b, exact) : Double.NaN;
    return new PairedDifference(label, n, mean, sd, lower, t, w);
  }
}

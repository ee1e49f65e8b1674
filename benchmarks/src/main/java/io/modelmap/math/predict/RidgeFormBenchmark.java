package io.modelmap.math.predict;

import io.modelmap.math.DoubleCentering;
import io.modelmap.producer.synthetic.SyntheticMatrix;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Dual against primal ridge from Q, timed on the bench's synthetic matrix: for each K, one path (the
 * unit the cross-validation repeats: about 36 per refit with 5 folds) and the predictions of all K
 * models for the 13 α of the grid. The dual starts from the K×K squared distances the aggregator
 * already keeps (forming them is timed apart, K²·N), the primal from the ξ rows. Where both run it
 * prints the largest difference of their predictions, and at the smallest K the whole grouped
 * protocol's α both ways.
 *
 * <p>Run: {@code ./mvnw -o -q -B -pl benchmarks -am package -DskipTests && java -Xmx8g -cp
 * "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" io.modelmap.math.predict.RidgeFormBenchmark
 * --texts 1000 --models 1000,5000,20000 --dual-max 5000}
 */
public final class RidgeFormBenchmark {
  private static final int FAMILIES = 40;
  private static final long SEED = 1;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private RidgeFormBenchmark() {}

  public static void main(String[] args) {
    int texts = 1000;
    int dualMax = 5000;
    List<Integer> sizes = List.of(1000, 5000, 20_000);
    for (int a = 0; a + 1 < args.length; a += 2) {
      switch (args[a]) {
        case "--texts" -> texts = Integer.parseInt(args[a + 1]);
        case "--dual-max" -> dualMax = Integer.parseInt(args[a + 1]);
        case "--models" -> sizes = java.util.Arrays.stream(args[a + 1].split(",")).map(Integer::valueOf).toList();
        default -> throw new IllegalArgumentException("unknown option " + args[a] + " (--texts, --models, --dual-max)");
      }
    }
    System.out.printf("ridge from Q, dual vs primal: N = %d, %s, %d cores, load average %.2f%n", texts,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf("%8s %8s %12s %12s %14s %11s %12s%n", "K", "N", "dual cpu s", "primal cpu s", "D² form cpu s", "dual/primal",
        "max |Δŷ|");
    boolean protocolDone = false;
    for (int k : sizes) {
      double[][] x = coordinates(k, texts);
      double[] y = scores(x);
      int[] all = java.util.stream.IntStream.range(0, k).toArray();
      RidgeData.Coordinates primal = new RidgeData.Coordinates(x);
      double[] grid = RidgeCrossValidation.alphaGrid(primal);
      long start = now();
      double[][] fromPrimal = primal.predictHeldOut(all, y, all, grid);
      double primalSeconds = seconds(start);
      String dualTime = "—";
      String formTime = "—";
      String ratio = "—";
      String difference = "—";
      if (k <= dualMax) {
        start = now();
        RidgeData.SquaredDistances dual = RidgeData.SquaredDistances.between(x);
        formTime = String.format("%.2f", seconds(start));
        start = now();
        double[][] fromDual = dual.predictHeldOut(all, y, all, grid);
        double dualSeconds = seconds(start);
        dualTime = String.format("%.2f", dualSeconds);
        ratio = String.format("%.1f", dualSeconds / primalSeconds);
        difference = String.format("%.1e", maxDifference(fromPrimal, fromDual));
        double[] perAlpha = new double[grid.length];
        for (int a = 0; a < grid.length; a++) {
          perAlpha[a] = maxDifference(new double[][] {fromPrimal[a]}, new double[][] {fromDual[a]});
        }
        System.out.printf("  K = %d, max |Δŷ| per α of the grid (α / scale = 1e-8 … 1e4): %s%n",
            k, java.util.Arrays.stream(perAlpha).mapToObj(v -> String.format("%.0e", v)).toList());
        if (!protocolDone) {
          protocol(primal, dual, y);
          protocolDone = true;
        }
      }
      System.out.printf("%8d %8d %12s %12.2f %14s %11s %12s%n", k, texts, dualTime, primalSeconds, formTime, ratio,
          difference);
    }
  }

  /** The whole grouped protocol (fit on all, out-of-fold with inner α) both ways, on families as groups. */
  private static void protocol(RidgeData.Coordinates primal, RidgeData.SquaredDistances dual, double[] y) {
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      groups.add("family-" + (i % FAMILIES));
    }
    long start = now();
    RidgeCrossValidation.Fit primalFit = RidgeCrossValidation.fitAll(primal, y, groups, 5);
    RidgeCrossValidation.OutOfFold primalHeld = RidgeCrossValidation.outOfFold(primal, y, groups, 5);
    double primalSeconds = seconds(start);
    start = now();
    RidgeCrossValidation.Fit dualFit = RidgeCrossValidation.fitAll(dual, y, groups, 5);
    RidgeCrossValidation.OutOfFold dualHeld = RidgeCrossValidation.outOfFold(dual, y, groups, 5);
    double dualSeconds = seconds(start);
    double fitDifference = 0;
    double[][] squared = dual.squared();
    double[][] rows = primal.rows();
    for (int i = 0; i < y.length; i++) {
      fitDifference = Math.max(fitDifference,
          Math.abs(primalFit.ridge().predict(rows[i]) - dualFit.ridge().predict(squared[i])));
    }
    double heldDifference = 0;
    for (int i = 0; i < y.length; i++) {
      heldDifference = Math.max(heldDifference, Math.abs(primalHeld.outOfFold()[i] - dualHeld.outOfFold()[i]));
    }
    System.out.printf("  K = %d protocol (fit + 5 grouped folds, inner α search): dual %.1f s, primal %.1f s; "
        + "α on all %s / %s; fold α %s / %s; max |Δŷ| of the fit on all %.1e, out-of-fold %.1e%n", y.length, dualSeconds, primalSeconds,
        dualFit.alpha(), primalFit.alpha(), java.util.Arrays.toString(dualHeld.alphas()),
        java.util.Arrays.toString(primalHeld.alphas()), fitDifference, heldDifference);
  }

  /** ξ rows of the synthetic matrix over √N, so that ‖x_i − x_j‖² = ‖q_i − q_j‖²/N = 2·KL, as in the aggregator. */
  private static double[][] coordinates(int models, int texts) {
    SyntheticMatrix matrix = new SyntheticMatrix(models, texts, FAMILIES, SEED);
    double[][] x = new double[models][];
    double scale = 1 / Math.sqrt(texts);
    for (int i = 0; i < models; i++) {
      x[i] = DoubleCentering.rowCentred(matrix.row(i));
      for (int s = 0; s < texts; s++) {
        x[i][s] *= scale;
      }
    }
    return x;
  }

  /**
   * A synthetic benchmark score: a family effect, a linear read-out of the coordinates along a fixed
   * random direction, and noise, so the cross-validation has an interior α to find.
   */
  private static double[] scores(double[][] x) {
    Random random = new Random(SEED);
    double[] family = new double[FAMILIES];
    for (int f = 0; f < FAMILIES; f++) {
      family[f] = 0.1 * random.nextDouble();
    }
    double[] direction = new double[x[0].length];
    for (int s = 0; s < direction.length; s++) {
      direction[s] = random.nextGaussian();
    }
    double[] readOut = new double[x.length];
    double mean = 0;
    for (int i = 0; i < x.length; i++) {
      for (int s = 0; s < direction.length; s++) {
        readOut[i] += x[i][s] * direction[s];
      }
      mean += readOut[i] / x.length;
    }
    double spread = 0;
    for (double r : readOut) {
      spread += (r - mean) * (r - mean) / x.length;
    }
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 0.5 + family[i % FAMILIES] + 0.1 * (readOut[i] - mean) / Math.sqrt(spread) + 0.03 * random.nextGaussian();
    }
    return y;
  }

  private static double maxDifference(double[][] a, double[][] b) {
    double max = 0;
    for (int r = 0; r < a.length; r++) {
      for (int c = 0; c < a[r].length; c++) {
        max = Math.max(max, Math.abs(a[r][c] - b[r][c]));
      }
    }
    return max;
  }

  /** CPU seconds of this thread since {@code start} (EJML runs on the calling thread; the machine is shared). */
  private static double seconds(long start) {
    return (THREADS.getCurrentThreadCpuTime() - start) / 1e9;
  }

  private static long now() {
    return THREADS.getCurrentThreadCpuTime();
  }
}

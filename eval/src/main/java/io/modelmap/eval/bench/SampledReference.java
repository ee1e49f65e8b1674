package io.modelmap.eval.bench;

import io.modelmap.math.BatchReference;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The {@link BatchReference reference}'s whole KL rows of some models, the rows the benchmark checks ranks
 * and baselines on, and the time they took per pair (the scalar loops' cost, for extrapolating them where
 * running them whole would take minutes).
 *
 * @param sample model indices
 * @param rows KL from each sampled model to every model (0 for itself), in sample order
 * @param secondsPerPair the reference's time per pair
 */
public record SampledReference(int[] sample, double[][] rows, double secondsPerPair) {

  /** The reference's rows of {@code sample}, timed per pair. */
  public static SampledReference of(BatchReference reference, int[] sample) {
    int[] every = IntStream.range(0, reference.models()).toArray();
    long started = System.nanoTime();
    double[][] rows = reference.klNats(sample, every);
    double perPair = (System.nanoTime() - started) / 1e9 / ((double) sample.length * every.length);
    return new SampledReference(sample, rows, perPair);
  }

  /** The largest relative difference of another computation's rows of the sampled models from these, off the diagonal. */
  public double maxRelative(double[][] theirRows) {
    double max = 0;
    for (int r = 0; r < sample.length; r++) {
      double[] theirs = theirRows[r];
      for (int j = 0; j < rows[r].length; j++) {
        if (j != sample[r]) {
          max = Math.max(max, Math.abs(theirs[j] - rows[r][j]) / Math.abs(rows[r][j]));
        }
      }
    }
    return max;
  }

  /** Every model up to {@code limit} models; above, {@code limit} spread evenly, plus {@code always}, in index order. */
  public static int[] sample(int models, int limit, int... always) {
    TreeSet<Integer> chosen = new TreeSet<>();
    for (int i = 0; i < Math.min(models, limit); i++) {
      chosen.add((int) ((long) i * models / Math.min(models, limit)));
    }
    for (int i : always) {
      chosen.add(i);
    }
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Rows {@code sample} of a K×K matrix, in the order of the sample. */
  public static double[][] rowsOf(double[][] square, int[] sample) {
    return Arrays.stream(sample).mapToObj(i -> square[i]).toArray(double[][]::new);
  }
}

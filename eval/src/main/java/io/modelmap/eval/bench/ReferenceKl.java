package io.modelmap.eval.bench;

import io.modelmap.math.DoubleCentering;
import io.modelmap.math.KlDivergence;
import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The notebook's formulas on the same L, evaluated where the benchmark checks the stream: ξ̄ from the
 * row-centred rows in index order, q_i = ξ_i − ξ̄, and KL_ij = ‖q_i − q_j‖² / 2N (eq. 3) from those q
 * rows, which the aggregator never forms. Rows of q are made on demand (at K = 10,000 the whole of Q
 * would be another 800 MB), and kept for the rows checked often.
 */
public final class ReferenceKl {
  private final double[][] l;
  private final double[] columnMeans;
  private final Map<Integer, double[]> kept = new HashMap<>();

  private ReferenceKl(double[][] l, double[] columnMeans) {
    this.l = l;
    this.columnMeans = columnMeans;
  }

  /** The reference on {@code l} [K × N]: ξ̄ now, q rows on demand. */
  public static ReferenceKl of(double[][] l) {
    List<double[]> xi = new AbstractList<>() { // ξ rows made one at a time as the sum walks them
      @Override
      public double[] get(int i) {
        return DoubleCentering.rowCentred(l[i]);
      }

      @Override
      public int size() {
        return l.length;
      }
    };
    return new ReferenceKl(l, DoubleCentering.columnMeans(xi));
  }

  /** ξ̄, the mean of the row-centred rows. */
  public double[] columnMeans() {
    return columnMeans;
  }

  /** Keeps q_i in memory from now on (for the sampled and the observed models). */
  public void keep(int i) {
    kept.computeIfAbsent(i, this::computeQ);
  }

  private double[] q(int i) {
    double[] q = kept.get(i);
    return q != null ? q : computeQ(i);
  }

  private double[] computeQ(int i) {
    return DoubleCentering.qRow(DoubleCentering.rowCentred(l[i]), columnMeans);
  }

  /** KL_ij in nats per text (eq. 3), 0 on the diagonal. */
  public double kl(int i, int j) {
    return i == j ? 0 : KlDivergence.fromCoordinates(q(i), q(j));
  }

  /**
   * KL from each sampled model to every model (0 for itself), by rows of {@code sample}: one pass over
   * the models, each q_j made once and compared with every sampled row.
   */
  public double[][] rows(int[] sample) {
    for (int i : sample) {
      keep(i);
    }
    double[][] rows = new double[sample.length][l.length];
    for (int j = 0; j < l.length; j++) {
      double[] qj = q(j);
      for (int r = 0; r < sample.length; r++) {
        rows[r][j] = sample[r] == j ? 0 : KlDivergence.fromCoordinates(kept.get(sample[r]), qj);
      }
    }
    return rows;
  }

  /**
   * The reference's full KL rows of some models, and the time they took per pair (the scalar loops'
   * cost, for extrapolating them where running them whole would take minutes).
   *
   * @param sample model indices
   * @param rows KL from each sampled model to every model
   */
  public record Sampled(int[] sample, double[][] rows, double secondsPerPair) {
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
  }

  /** Every model up to {@code limit} models; above, {@code limit} spread evenly, plus {@code always}, in index order. */
  public static int[] sample(int models, int limit, int... always) {
    java.util.TreeSet<Integer> chosen = new java.util.TreeSet<>();
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
    return java.util.Arrays.stream(sample).mapToObj(i -> square[i]).toArray(double[][]::new);
  }

  /** {@link #rows} of {@code sample}, timed per pair. */
  public Sampled sampled(int[] sample) {
    long started = System.nanoTime();
    double[][] rows = rows(sample);
    double perPair = (System.nanoTime() - started) / 1e9 / ((double) sample.length * l.length);
    return new Sampled(sample, rows, perPair);
  }
}

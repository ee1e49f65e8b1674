package io.modelmap.eval.kl;

import io.modelmap.math.BatchReference;
import io.modelmap.math.KlDivergence;
import io.modelmap.math.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * modelmap §6.2 over every pair of models: the map's squared distance ‖q_i − q_j‖² (q from the batch
 * double centring of L) against the token-level proxy (1/N) Σ_x ‖ζ_i(x) − ζ_j(x)‖², and their Pearson
 * correlation over the pairs (the paper reports 0.904).
 *
 * @param texts N, the texts each row of L holds
 * @param pairs every pair i &lt; j, in the order (0,1), (0,2) … (1,2) …
 */
public record TextLevelKl(int texts, List<Pair> pairs) {
  public TextLevelKl {
    pairs = List.copyOf(pairs);
  }

  /**
   * One pair's two sides.
   *
   * @param squaredDistance ‖q_i − q_j‖²
   * @param klNats the map's KL estimate, ‖q_i − q_j‖² / 2N (eq. 3)
   * @param zetaProxy (1/N) Σ_x ‖ζ_i(x) − ζ_j(x)‖²
   */
  public record Pair(int i, int j, double squaredDistance, double klNats, double zetaProxy) {
    /** The map's KL estimate in bits per byte, for texts of {@code meanBytes} on average. */
    public double klBitsPerByte(double meanBytes) {
      return KlDivergence.toBitsPerByte(klNats, meanBytes);
    }
  }

  /** ‖ζ_i(x) − ζ_j(x)‖² of models i and j on text x (token-level coordinates come from the scorer). */
  @FunctionalInterface
  public interface ZetaDistance {
    double between(int i, int j, int text);
  }

  /**
   * §6.2 on {@code l} [K × N] (at least two models) and the models' token-level distances per text.
   */
  public static TextLevelKl of(double[][] l, ZetaDistance zeta) {
    if (l.length < 2) {
      throw new IllegalArgumentException("§6.2 needs at least two models, got " + l.length);
    }
    BatchReference centred = BatchReference.of(l);
    List<double[]> q = IntStream.range(0, l.length).mapToObj(centred::q).toList();
    int texts = l[0].length;
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < l.length; i++) {
      for (int j = i + 1; j < l.length; j++) {
        double z = 0;
        for (int x = 0; x < texts; x++) {
          z += zeta.between(i, j, x);
        }
        pairs.add(new Pair(i, j, Vectors.squaredDistance(q.get(i), q.get(j)), KlDivergence.fromCoordinates(q.get(i),
            q.get(j)), z / texts));
      }
    }
    return new TextLevelKl(texts, pairs);
  }

  /**
   * Pearson's r of ‖q_i − q_j‖² and the ζ proxy over the pairs; Commons Math refuses fewer than two pairs
   * (two models) with a {@code MathIllegalArgumentException}.
   */
  public double pearson() {
    return new PearsonsCorrelation().correlation(pairs.stream().mapToDouble(Pair::squaredDistance).toArray(),
        pairs.stream().mapToDouble(Pair::zetaProxy).toArray());
  }
}

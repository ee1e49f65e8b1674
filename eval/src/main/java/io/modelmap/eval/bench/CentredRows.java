package io.modelmap.eval.bench;

import io.modelmap.math.DoubleCentering;
import java.util.ArrayList;
import java.util.List;

/** L double-centred from scratch, as a batch recompute starts: Q_i = ξ_i − ξ̄, with ξ̄. */
public record CentredRows(double[][] q, double[] columnMeans) {

  /** Double-centres {@code l} [K × N] in index order. */
  public static CentredRows of(double[][] l) {
    List<double[]> xi = new ArrayList<>(l.length);
    for (double[] row : l) {
      xi.add(DoubleCentering.rowCentred(row));
    }
    double[] columnMeans = DoubleCentering.columnMeans(xi);
    double[][] q = new double[l.length][];
    for (int i = 0; i < l.length; i++) {
      q[i] = DoubleCentering.qRow(xi.get(i), columnMeans);
    }
    return new CentredRows(q, columnMeans);
  }
}

package io.modelmap.math.map;

/**
 * A symmetric matrix of squared distances with a zero diagonal, read through its lower triangle, so a
 * caller can keep K×K distances in whatever compact form it has (classical scaling never needs the
 * square).
 */
public interface SquaredDistances {
  int size();

  /** D²_ij for j < i. */
  double below(int i, int j);

  /** A view of a dense symmetric K×K array. */
  static SquaredDistances of(double[][] dense) {
    return new SquaredDistances() {
      @Override
      public int size() {
        return dense.length;
      }

      @Override
      public double below(int i, int j) {
        return dense[i][j];
      }
    };
  }
}

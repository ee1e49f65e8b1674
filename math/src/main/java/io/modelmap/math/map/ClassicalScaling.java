package io.modelmap.math.map;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Classical scaling: the top two eigenvectors of B = −½·J·D²·J (J the centring matrix), scaled by
 * the square roots of their eigenvalues. With D²_ij = ‖q_i − q_j‖²/N this is exactly PCA of Q/√N
 * computed from the K×K Gram matrix, never from K×N.
 *
 * <p>The eigenvectors come from subspace iteration started from fixed vectors, so the result
 * depends only on the distances; each axis's sign then follows the previous map (no flip when a
 * model arrives), or, without one, makes the axis's third moment non-negative.
 */
public final class ClassicalScaling {
  private static final int DIMENSIONS = 2;
  private static final int MAX_ITERATIONS = 1000;
  /** Up to this K a full symmetric eigendecomposition is cheap (O(K³)) and exact even for rank-deficient B. */
  private static final int DIRECT_LIMIT = 200;
  private static final double TOLERANCE = 1e-11;

  private ClassicalScaling() {}

  /**
   * @param squaredDistances symmetric K×K, zero diagonal
   * @param previous the last positions of the same models (row i ↔ model i), NaN where a model is new; or null
   * @return K×2 positions
   */
  public static double[][] embed(double[][] squaredDistances, double[][] previous) {
    int k = squaredDistances.length;
    if (k < 2 || k > DIRECT_LIMIT) {
      return embed(SquaredDistances.of(squaredDistances), previous);
    }
    return positions(allEigenpairs(doubleCentred(squaredDistances)), k, previous); // dense already: no copy
  }

  /**
   * The same from distances kept in any compact form: above {@value #DIRECT_LIMIT} models B is never
   * formed, so the memory beyond the distances is O(K).
   */
  public static double[][] embed(SquaredDistances squaredDistances, double[][] previous) {
    int k = squaredDistances.size();
    if (k < 2) {
      return new double[k][DIMENSIONS];
    }
    Eigenpairs top = k <= DIRECT_LIMIT ? allEigenpairs(doubleCentred(dense(squaredDistances)))
        : topEigenpairs(new CentredOperator(squaredDistances));
    return positions(top, k, previous);
  }

  /** The top eigenvectors scaled by √λ, each axis's sign kept from {@code previous} where it can be. */
  private static double[][] positions(Eigenpairs top, int k, double[][] previous) {
    double[][] positions = new double[k][DIMENSIONS];
    for (int d = 0; d < DIMENSIONS && d < top.values().length; d++) {
      double[] vector = top.vectors()[d];
      double scale = Math.sqrt(Math.max(top.values()[d], 0));
      for (int i = 0; i < k; i++) {
        positions[i][d] = vector[i] * scale;
      }
      if (sign(positions, d, previous) < 0) {
        for (int i = 0; i < k; i++) {
          positions[i][d] = -positions[i][d];
        }
      }
    }
    return positions;
  }

  private static double[][] dense(SquaredDistances d2) {
    int k = d2.size();
    double[][] square = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < i; j++) {
        square[i][j] = d2.below(i, j);
        square[j][i] = square[i][j];
      }
    }
    return square;
  }

  static double[][] doubleCentred(double[][] d2) {
    int k = d2.length;
    double[] rowMeans = new double[k];
    double grand = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        rowMeans[i] += d2[i][j];
      }
      grand += rowMeans[i];
      rowMeans[i] /= k;
    }
    grand /= (double) k * k;
    double[][] b = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        b[i][j] = -0.5 * (d2[i][j] - rowMeans[i] - rowMeans[j] + grand);
      }
    }
    return b;
  }

  /**
   * Subspace iteration with Rayleigh–Ritz: a block of up to eight vectors, rotated each step to the
   * eigenvectors of its projection, until the two algebraically largest have residual
   * ‖Bv − θv‖ ≤ 1e-11·|θ₁|. The block converges to the eigenvalues largest in magnitude, which holds
   * the top two for PCA (B is a Gram matrix) and for MDS unless more than six negative eigenvalues
   * outweigh the second positive one. Returns eigenvectors and eigenvalues of B, largest first.
   */
  private static Eigenpairs topEigenpairs(CentredOperator b) {
    int k = b.size();
    int p = Math.min(8, k);
    double[][] v = new double[p][k];
    for (int d = 0; d < p; d++) {
      for (int i = 0; i < k; i++) {
        v[d][i] = Math.cos((d + 1) * (i + 1.0)) + (d == 0 ? 1 : 0);
      }
    }
    orthonormalise(v);
    double[] theta = new double[p];
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[][] w = b.multiply(v);
      orthonormalise(w);
      double[][] bw = b.multiply(w);
      double[][] h = new double[p][p];
      for (int d = 0; d < p; d++) {
        for (int e = 0; e <= d; e++) {
          h[d][e] = 0.5 * (dot(w[d], bw[e]) + dot(w[e], bw[d])); // symmetric up to rounding: make it exact
          h[e][d] = h[d][e];
        }
      }
      Eigenpairs ritz = symmetricEigenpairs(h, p);
      double residual = 0;
      for (int d = 0; d < p; d++) {
        double[] u = ritz.vectors()[d];
        theta[d] = ritz.values()[d];
        double[] next = new double[k];
        double[] bNext = new double[k];
        for (int e = 0; e < p; e++) {
          for (int i = 0; i < k; i++) {
            next[i] += u[e] * w[e][i];
            bNext[i] += u[e] * bw[e][i];
          }
        }
        v[d] = next;
        if (d < DIMENSIONS) {
          double r = 0;
          for (int i = 0; i < k; i++) {
            r += (bNext[i] - theta[d] * next[i]) * (bNext[i] - theta[d] * next[i]);
          }
          residual = Math.max(residual, Math.sqrt(r));
        }
      }
      if (residual <= TOLERANCE * Math.max(Math.abs(theta[0]), Double.MIN_NORMAL)) {
        break;
      }
    }
    return new Eigenpairs(v, theta);
  }

  private record Eigenpairs(double[][] vectors, double[] values) {}

  private static Eigenpairs allEigenpairs(double[][] b) {
    return symmetricEigenpairs(b, Math.min(DIMENSIONS, b.length));
  }

  /**
   * The {@code count} algebraically largest eigenpairs of the symmetric matrix {@code s}, largest first,
   * from EJML's symmetric QR (which also converges on the rank-deficient B of K &gt; N).
   */
  private static Eigenpairs symmetricEigenpairs(double[][] s, int count) {
    int n = s.length;
    EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(n, true, true);
    if (!eigen.decompose(new DMatrixRMaj(s))) {
      throw new IllegalStateException("the eigendecomposition of a " + n + "×" + n + " symmetric matrix did not converge");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(eigen.getEigenvalue(y).getReal(), eigen.getEigenvalue(x).getReal()));
    double[][] vectors = new double[count][];
    double[] values = new double[count];
    for (int d = 0; d < count; d++) {
      values[d] = eigen.getEigenvalue(order[d]).getReal();
      vectors[d] = Arrays.copyOf(eigen.getEigenVector(order[d]).getData(), n);
    }
    return new Eigenpairs(vectors, values);
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** Gram–Schmidt, each projection applied twice so the block stays orthogonal to rounding error. */
  private static void orthonormalise(double[][] v) {
    for (int d = 0; d < v.length; d++) {
      for (int e = 0; e < 2 * d; e++) {
        double[] other = v[e % d];
        double dot = 0;
        for (int i = 0; i < v[d].length; i++) {
          dot += v[d][i] * other[i];
        }
        for (int i = 0; i < v[d].length; i++) {
          v[d][i] -= dot * other[i];
        }
      }
      double norm = 0;
      for (double x : v[d]) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < v[d].length; i++) {
        v[d][i] = norm == 0 ? 0 : v[d][i] / norm;
      }
    }
  }

  /** +1 to keep axis d, −1 to flip it. */
  private static int sign(double[][] positions, int d, double[][] previous) {
    double agreement = 0;
    if (previous != null) {
      for (int i = 0; i < positions.length && i < previous.length; i++) {
        if (!Double.isNaN(previous[i][d])) {
          agreement += previous[i][d] * positions[i][d];
        }
      }
    }
    if (agreement == 0) {
      for (double[] p : positions) {
        agreement += p[d] * p[d] * p[d];
      }
    }
    return agreement < 0 ? -1 : 1;
  }
}

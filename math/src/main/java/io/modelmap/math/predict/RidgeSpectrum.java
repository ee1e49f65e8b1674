package io.modelmap.math.predict;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * What the dual and the primal ridge paths share: a symmetric positive semi-definite A = V·Λ·Vᵀ and a right-hand
 * side b seen in its eigenbasis (Vᵀb), so the solution V·(Λ + αI)⁻¹·Vᵀb costs O(size²) for any α. The dual has
 * A = the training Gram and b = y − ȳ ({@link RidgePath}); the primal A = XᵀX and b = Xᵀ(y − ȳ)
 * ({@link CoordinateRidgePath}).
 */
final class RidgeSpectrum {
  private final double intercept;
  private final double[] eigenvalues;
  private final DMatrixRMaj vectors; // columns: eigenvectors of A
  private final double[] projected; // Vᵀb

  private RidgeSpectrum(double intercept, double[] eigenvalues, DMatrixRMaj vectors, double[] projected) {
    this.intercept = intercept;
    this.eigenvalues = eigenvalues;
    this.vectors = vectors;
    this.projected = projected;
  }

  /**
   * @param symmetric A (symmetric positive semi-definite; rounding below zero is clipped)
   * @param rhs b
   * @param intercept what every prediction starts from (ȳ)
   * @param name what A is, for the message when the decomposition does not converge
   */
  static RidgeSpectrum of(DMatrixRMaj symmetric, double[] rhs, double intercept, String name) {
    int size = rhs.length;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(size, true, true);
    if (!eig.decompose(symmetric)) {
      throw new IllegalStateException("the eigendecomposition of the " + size + "×" + size + " " + name
          + " did not converge");
    }
    double[] eigenvalues = new double[size];
    DMatrixRMaj vectors = new DMatrixRMaj(size, size);
    double[] projected = new double[size];
    for (int k = 0; k < size; k++) {
      eigenvalues[k] = Math.max(eig.getEigenvalue(k).getReal(), 0);
      DMatrixRMaj v = eig.getEigenVector(k);
      double dot = 0;
      for (int i = 0; i < size; i++) {
        vectors.unsafe_set(i, k, v.get(i));
        dot += v.get(i) * rhs[i];
      }
      projected[k] = dot;
    }
    NullDirections.drop(eigenvalues, projected);
    return new RidgeSpectrum(intercept, eigenvalues, vectors, projected);
  }

  double intercept() {
    return intercept;
  }

  /** V·(Λ + αI)⁻¹·Vᵀb: the dual's coefficients or the primal's weights at one α (positive). */
  double[] solution(double alpha) {
    requirePositive(alpha);
    int size = eigenvalues.length;
    double[] scaled = new double[size];
    for (int k = 0; k < size; k++) {
      scaled[k] = projected[k] / (eigenvalues[k] + alpha);
    }
    double[] solution = new double[size];
    for (int i = 0; i < size; i++) {
      double sum = 0;
      for (int k = 0; k < size; k++) {
        sum += vectors.unsafe_get(i, k) * scaled[k];
      }
      solution[i] = sum;
    }
    return solution;
  }

  /**
   * intercept + F·V·(Λ + αI)⁻¹·Vᵀb for every α: F·V once, O(t·size²), then O(t·size) per α.
   *
   * @param features one row per predicted model, in A's basis (its centred Gram row or centred coordinates)
   * @return [α index][model index]
   */
  double[][] predict(DMatrixRMaj features, double[] alphas) {
    int size = eigenvalues.length;
    int t = features.numRows;
    DMatrixRMaj inBasis = new DMatrixRMaj(t, size);
    CommonOps_DDRM.mult(features, vectors, inBasis);
    double[][] predictions = new double[alphas.length][t];
    for (int a = 0; a < alphas.length; a++) {
      requirePositive(alphas[a]);
      for (int j = 0; j < t; j++) {
        double sum = intercept;
        for (int k = 0; k < size; k++) {
          sum += inBasis.unsafe_get(j, k) * projected[k] / (eigenvalues[k] + alphas[a]);
        }
        predictions[a][j] = sum;
      }
    }
    return predictions;
  }

  static void requirePositive(double alpha) {
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("alpha must be positive, was " + alpha);
    }
  }
}

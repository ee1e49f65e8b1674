package io.modelmap.math.embed;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/** Solves A·x = b for a symmetric positive definite A by EJML's Cholesky factorisation. */
final class CholeskySolve {
  private CholeskySolve() {}

  /**
   * @param a symmetric positive definite, d×d (left unchanged)
   * @param b length d
   * @throws IllegalArgumentException when {@code a} is not positive definite
   */
  static double[] solve(double[][] a, double[] b) {
    int d = b.length;
    LinearSolverDense<DMatrixRMaj> cholesky = LinearSolverFactory_DDRM.chol(d);
    if (!cholesky.setA(new DMatrixRMaj(a))) {
      throw new IllegalArgumentException("the " + d + "×" + d + " system is not positive definite");
    }
    DMatrixRMaj x = new DMatrixRMaj(d, 1);
    cholesky.solve(DMatrixRMaj.wrap(d, 1, b.clone()), x);
    return x.getData();
  }
}

package io.modelmap.math.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CholeskySolveTest {

  @Test
  void solvesASymmetricPositiveDefiniteSystem() {
    // By hand: A = [[4, 2], [2, 3]], det A = 8, A⁻¹ = ⅛·[[3, −2], [−2, 4]], so A⁻¹·(2, 1) = ⅛·(4, 0) = (0.5, 0).
    double[][] a = {{4, 2}, {2, 3}};
    double[] x = CholeskySolve.solve(a, new double[] {2, 1});
    assertThat(x[0]).isCloseTo(0.5, within(1e-15));
    assertThat(x[1]).isCloseTo(0.0, within(1e-15));
    assertThat(a).isDeepEqualTo(new double[][] {{4, 2}, {2, 3}}); // the caller's matrix is left as it was
  }

  @Test
  void refusesAnIndefiniteMatrix() {
    // [[1, 2], [2, 1]] has eigenvalues 3 and −1: no Cholesky factor exists.
    assertThatThrownBy(() -> CholeskySolve.solve(new double[][] {{1, 2}, {2, 1}}, new double[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not positive definite");
  }
}

package io.modelmap.math.map;

/**
 * B = −½·J·D²·J applied to a block of vectors without forming B: with r_i the row means of D² and g
 * their mean, (B·v)_i = −½·((D²·v)_i − r_i·Σv − r·v + g·Σv). One pass over the lower triangle serves the
 * whole block, so a product costs K²/2 reads of D² and O(K) extra memory.
 */
final class CentredOperator {
  private final SquaredDistances d2;
  private final double[] rowMeans;
  private final double grand;

  CentredOperator(SquaredDistances d2) {
    this.d2 = d2;
    int k = d2.size();
    double[] sums = new double[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < i; j++) {
        double x = d2.below(i, j);
        sums[i] += x;
        sums[j] += x;
      }
    }
    double total = 0;
    rowMeans = new double[k];
    for (int i = 0; i < k; i++) {
      rowMeans[i] = sums[i] / k;
      total += rowMeans[i];
    }
    grand = total / k;
  }

  int size() {
    return rowMeans.length;
  }

  /** B·v_d for every vector v_d of the block ({@code block[d]} has length K). */
  double[][] multiply(double[][] block) {
    int k = rowMeans.length;
    int p = block.length;
    double[] across = new double[k * p]; // v transposed: the block's p entries of index j side by side
    for (int d = 0; d < p; d++) {
      for (int j = 0; j < k; j++) {
        across[j * p + d] = block[d][j];
      }
    }
    double[] product = new double[k * p];
    for (int i = 0; i < k; i++) {
      int rowI = i * p;
      for (int j = 0; j < i; j++) {
        double x = d2.below(i, j);
        int rowJ = j * p;
        for (int d = 0; d < p; d++) {
          product[rowI + d] += x * across[rowJ + d];
          product[rowJ + d] += x * across[rowI + d];
        }
      }
    }
    double[][] out = new double[p][k];
    for (int d = 0; d < p; d++) {
      double sum = 0;
      double weighted = 0;
      for (int j = 0; j < k; j++) {
        sum += block[d][j];
        weighted += rowMeans[j] * block[d][j];
      }
      for (int i = 0; i < k; i++) {
        out[d][i] = -0.5 * (product[i * p + d] - rowMeans[i] * sum - weighted + grand * sum);
      }
    }
    return out;
  }
}

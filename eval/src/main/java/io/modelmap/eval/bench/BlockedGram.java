package io.modelmap.eval.bench;

import java.util.stream.IntStream;

/**
 * G = Q·Qᵀ for row-major Q [k × n], blocked for the cache: columns in chunks that keep a block of rows
 * in L2, 4 × 4 tiles of rows accumulated in registers, the lower triangle only (G is symmetric), tile
 * rows spread over every core. The fastest plain-Java product found here for K ≪ N (EJML's
 * multTransB, single or multithreaded, was slower than scalar pairwise loops at 1,000 × 10,000).
 */
public final class BlockedGram {
  private static final int COLUMNS = 512;
  private static final int TILE = 4;

  private BlockedGram() {}

  /** Q·Qᵀ of row-major {@code q}, K×K and symmetric. */
  public static double[][] of(double[][] q) {
    int k = q.length;
    int n = q[0].length;
    double[][] g = new double[k][k];
    int tiles = (k + TILE - 1) / TILE;
    IntStream.range(0, tiles).parallel().forEach(ti -> {
      for (int start = 0; start < n; start += COLUMNS) {
        int end = Math.min(n, start + COLUMNS);
        for (int tj = 0; tj <= ti; tj++) {
          tile(q, g, ti * TILE, tj * TILE, start, end);
        }
      }
    });
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        g[i][j] = g[j][i];
      }
    }
    return g;
  }

  /** Adds columns [start, end) of rows i0..i0+3 · rows j0..j0+3 into g (rows past k count as absent). */
  private static void tile(double[][] q, double[][] g, int i0, int j0, int start, int end) {
    int k = q.length;
    double[] a0 = row(q, i0);
    double[] a1 = row(q, i0 + 1);
    double[] a2 = row(q, i0 + 2);
    double[] a3 = row(q, i0 + 3);
    double[] b0 = row(q, j0);
    double[] b1 = row(q, j0 + 1);
    double[] b2 = row(q, j0 + 2);
    double[] b3 = row(q, j0 + 3);
    double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
    double s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
    for (int c = start; c < end; c++) {
      double x0 = a0[c], x1 = a1[c], x2 = a2[c], x3 = a3[c];
      double y0 = b0[c], y1 = b1[c], y2 = b2[c], y3 = b3[c];
      s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
      s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
      s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
      s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
    }
    double[][] s = {{s00, s01, s02, s03}, {s10, s11, s12, s13}, {s20, s21, s22, s23}, {s30, s31, s32, s33}};
    for (int a = 0; a < TILE && i0 + a < k; a++) {
      for (int b = 0; b < TILE && j0 + b < k && j0 + b <= i0 + a; b++) {
        g[i0 + a][j0 + b] += s[a][b];
      }
    }
  }

  private static final double[] EMPTY = new double[0];

  /** Row r, or a row of zeros past the end (read only where a tile overhangs k). */
  private static double[] row(double[][] q, int r) {
    return r < q.length ? q[r] : zeros(q[0].length);
  }

  private static double[] zeros(int n) {
    return n == 0 ? EMPTY : new double[n];
  }
}

package io.modelmap.math.embed;

/** Sorted indices and their values: a question's encoding, a few dozen non-zeros out of thousands. */
public record SparseVector(int[] indices, float[] values) {
  public SparseVector {
    if (indices.length != values.length) {
      throw new IllegalArgumentException(indices.length + " indices, " + values.length + " values");
    }
  }

  public double dot(SparseVector other) {
    double s = 0;
    int i = 0;
    int j = 0;
    while (i < indices.length && j < other.indices.length) {
      int a = indices[i];
      int b = other.indices[j];
      if (a == b) {
        s += values[i++] * (double) other.values[j++];
      } else if (a < b) {
        i++;
      } else {
        j++;
      }
    }
    return s;
  }
}

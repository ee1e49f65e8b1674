package io.modelmap.aggregator.matrix;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How the matrix turns rows into coordinates and a map.
 *
 * @param clippingQuantile global lower-tail clipping of L (paper: 0.02); empty for none
 * @param mapMethod how the 2-D map is laid out
 */
public record MatrixSettings(OptionalDouble clippingQuantile, MapMethod mapMethod) {

  public MatrixSettings {
    Objects.requireNonNull(clippingQuantile, "clippingQuantile");
    Objects.requireNonNull(mapMethod, "mapMethod");
    if (clippingQuantile.isPresent() && !(clippingQuantile.getAsDouble() > 0 && clippingQuantile.getAsDouble() < 0.5)) {
      throw new IllegalArgumentException("clippingQuantile must lie in (0, 0.5), was " + clippingQuantile.getAsDouble());
    }
  }

  /** No clipping, PCA. */
  public static MatrixSettings defaults() {
    return new MatrixSettings(OptionalDouble.empty(), MapMethod.PCA);
  }
}

package io.modelmap.aggregator.matrix;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How the matrix turns rows into coordinates and a map.
 *
 * @param clippingQuantile global lower-tail clipping of L (paper: 0.02); empty for none ({@code --clip-quantile})
 * @param mapMethod how the 2-D map is laid out ({@code --map-method})
 */
public record MatrixSettings(OptionalDouble clippingQuantile, MapMethod mapMethod) {

  public MatrixSettings {
    Objects.requireNonNull(clippingQuantile, "clippingQuantile");
    Objects.requireNonNull(mapMethod, "mapMethod");
    if (clippingQuantile.isPresent() && !(clippingQuantile.getAsDouble() > 0 && clippingQuantile.getAsDouble() < 0.5)) {
      throw new IllegalArgumentException("--clip-quantile must lie in (0, 0.5), was " + clippingQuantile.getAsDouble());
    }
  }

  /** No clipping, PCA. */
  public static MatrixSettings defaults() {
    return new MatrixSettings(OptionalDouble.empty(), MapMethod.PCA);
  }
}

package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;

/**
 * A PyTorch {@code nn.Linear}: x · Wᵀ + b, with W stored [out, in] and an optional bias.
 *
 * @param weight [out, in]
 * @param bias [out], or null
 */
record Linear(NDArray weight, NDArray bias) {

  NDArray apply(NDArray x) {
    return Ops.linear(x, weight, bias);
  }

  /** The projection {@code name} ({@code name.weight}, optional {@code name.bias}) of a checkpoint. */
  static Linear of(WeightMap weights, String name) {
    return new Linear(weights.require(name + ".weight"), weights.optional(name + ".bias"));
  }

  /** Rows [from, from + size) of a fused projection in each of {@code groups} equal groups (see {@link Fused}). */
  Linear rows(int groups, long from, long size) {
    return new Linear(Fused.rows(weight, groups, from, size), bias == null ? null : Fused.rows(bias, groups, from, size));
  }

  long outputs() {
    return weight.getShape().get(0);
  }
}

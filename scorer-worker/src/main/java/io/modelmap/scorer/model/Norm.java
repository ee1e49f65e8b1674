package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;

/**
 * A normalisation over the last axis, computed in float32 and returned in the input's dtype (as
 * transformers does for half inputs). The weight broadcasts against the input: [width], or
 * [heads, 1, headWidth] for a norm with one weight per head.
 */
sealed interface Norm {

  NDArray apply(NDArray x);

  /**
   * LayerNorm: (x − mean) / √(var + ε) · w + b; weight and bias may be null (OLMo's norm has no
   * parameters, MPT's and StableLM's q/k norms no bias).
   */
  record Layer(NDArray weight, NDArray bias, double epsilon) implements Norm {
    @Override
    public NDArray apply(NDArray x) {
      if (weight != null && bias != null && weight.getShape().dimension() == 1) {
        return Ops.layerNorm(x, weight, bias, epsilon);
      }
      NDArray wide = Ops.float32(x);
      NDArray centred = wide.sub(wide.mean(new int[] {-1}, true));
      NDArray normed = centred.mul(centred.square().mean(new int[] {-1}, true).add(epsilon).pow(-0.5));
      if (weight != null) {
        normed = normed.mul(Ops.float32(weight));
      }
      if (bias != null) {
        normed = normed.add(Ops.float32(bias));
      }
      return normed.toType(x.getDataType(), false);
    }
  }

  /**
   * RMSNorm: x / √(mean(x²) + ε), then scaled by w (Llama: after returning to the input's dtype) or,
   * with {@code plusOne}, by (1 + w) in float32 (Gemma).
   */
  record Rms(NDArray weight, double epsilon, boolean plusOne) implements Norm {
    @Override
    public NDArray apply(NDArray x) {
      if (!plusOne) {
        return Ops.rmsNorm(x, weight, epsilon);
      }
      NDArray wide = Ops.float32(x);
      NDArray normed = wide.mul(wide.square().mean(new int[] {-1}, true).add(epsilon).pow(-0.5));
      return normed.mul(Ops.float32(weight).add(1)).toType(x.getDataType(), false);
    }
  }
}

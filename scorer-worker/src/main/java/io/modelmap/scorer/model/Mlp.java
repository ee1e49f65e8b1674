package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;

/** The feed-forward block of a decoder layer. */
interface Mlp {

  NDArray apply(NDArray x);

  /** Gated (SwiGLU, GeGLU): down(act(gate(x)) · up(x)). */
  record Gated(Linear gate, Linear up, Linear down, HiddenActivation activation) implements Mlp {
    @Override
    public NDArray apply(NDArray x) {
      return down.apply(activation.apply(gate.apply(x)).mul(up.apply(x)));
    }
  }

  /** Two projections around an activation: fc2(act(fc1(x))). */
  record Plain(Linear in, Linear out, HiddenActivation activation) implements Mlp {
    @Override
    public NDArray apply(NDArray x) {
      return out.apply(activation.apply(in.apply(x)));
    }
  }
}

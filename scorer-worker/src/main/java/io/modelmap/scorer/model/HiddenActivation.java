package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.util.Locale;

/** The activations Hugging Face configs name in {@code hidden_act} / {@code activation_function}, as transformers computes them. */
enum HiddenActivation {
  /** The erf form: x · Φ(x). */
  GELU {
    @Override
    NDArray apply(NDArray x) {
      return ai.djl.nn.Activation.gelu(x);
    }
  },
  /** gelu_new, gelu_pytorch_tanh, gelu_fast, BLOOM's bloom_gelu: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
  GELU_TANH {
    @Override
    NDArray apply(NDArray x) {
      NDArray inner = x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
      return x.mul(0.5).mul(inner.tanh().add(1));
    }
  },
  /** quick_gelu: x · σ(1.702·x). */
  QUICK_GELU {
    @Override
    NDArray apply(NDArray x) {
      return x.mul(x.mul(-1.702).exp().add(1).pow(-1));
    }
  },
  RELU {
    @Override
    NDArray apply(NDArray x) {
      return x.maximum(0);
    }
  },
  /** silu, swish: x · σ(x). */
  SILU {
    @Override
    NDArray apply(NDArray x) {
      return Ops.silu(x);
    }
  };

  abstract NDArray apply(NDArray x);

  static HiddenActivation named(String name) throws IOException {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "gelu" -> GELU;
      case "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "bloom_gelu" -> GELU_TANH;
      case "quick_gelu" -> QUICK_GELU;
      case "relu" -> RELU;
      case "silu", "swish" -> SILU;
      default -> throw new IOException("activation '" + name + "' is not supported; supported: gelu, gelu_new,"
          + " gelu_pytorch_tanh, gelu_fast, quick_gelu, relu, silu");
    };
  }
}

package io.modelmap.scorer.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** The weights of a tiny GPT-2, with the operations that make the demo's family of models. */
final class TinyGpt2Weights {
  static final int VOCAB = ByteLevelTokenizerJson.VOCAB_SIZE;
  static final int CONTEXT = 256;
  static final int WIDTH = 64;
  static final int LAYERS = 2;
  static final int HEADS = 4;

  private final Map<String, float[]> tensors;

  private TinyGpt2Weights(Map<String, float[]> tensors) {
    this.tensors = tensors;
  }

  /** A random base model; the embedding scale makes next-token distributions far from uniform. */
  static TinyGpt2Weights random(long seed) {
    Random r = new Random(seed);
    Map<String, float[]> t = new LinkedHashMap<>();
    t.put("wte.weight", gaussian(r, VOCAB * WIDTH, 0.35));
    t.put("wpe.weight", gaussian(r, CONTEXT * WIDTH, 0.05));
    for (int l = 0; l < LAYERS; l++) {
      String p = "h." + l + ".";
      t.put(p + "ln_1.weight", constant(WIDTH, 1));
      t.put(p + "ln_1.bias", constant(WIDTH, 0));
      t.put(p + "attn.c_attn.weight", gaussian(r, WIDTH * 3 * WIDTH, 0.15));
      t.put(p + "attn.c_attn.bias", constant(3 * WIDTH, 0));
      t.put(p + "attn.c_proj.weight", gaussian(r, WIDTH * WIDTH, 0.1));
      t.put(p + "attn.c_proj.bias", constant(WIDTH, 0));
      t.put(p + "ln_2.weight", constant(WIDTH, 1));
      t.put(p + "ln_2.bias", constant(WIDTH, 0));
      t.put(p + "mlp.c_fc.weight", gaussian(r, WIDTH * 4 * WIDTH, 0.15));
      t.put(p + "mlp.c_fc.bias", constant(4 * WIDTH, 0));
      t.put(p + "mlp.c_proj.weight", gaussian(r, 4 * WIDTH * WIDTH, 0.1));
      t.put(p + "mlp.c_proj.bias", constant(WIDTH, 0));
    }
    t.put("ln_f.weight", constant(WIDTH, 1));
    t.put("ln_f.bias", constant(WIDTH, 0));
    return new TinyGpt2Weights(t);
  }

  /** A "fine-tuned" variant: every weight plus Gaussian noise of relative size {@code scale}. */
  TinyGpt2Weights perturbed(long seed, double scale) {
    Random r = new Random(seed);
    Map<String, float[]> t = new LinkedHashMap<>();
    tensors.forEach((name, w) -> {
      float[] out = w.clone();
      for (int i = 0; i < out.length; i++) {
        out[i] += (float) (scale * r.nextGaussian() * Math.max(Math.abs(w[i]), 0.05));
      }
      t.put(name, out);
    });
    return new TinyGpt2Weights(t);
  }

  /** (1 − t)·this + t·other, tensor by tensor. */
  TinyGpt2Weights interpolated(TinyGpt2Weights other, double at) {
    Map<String, float[]> t = new LinkedHashMap<>();
    tensors.forEach((name, w) -> {
      float[] o = other.tensors.get(name);
      float[] out = new float[w.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) ((1 - at) * w[i] + at * o[i]);
      }
      t.put(name, out);
    });
    return new TinyGpt2Weights(t);
  }

  Map<String, float[]> tensors() {
    return tensors;
  }

  long[] shape(String name) {
    if (name.equals("wte.weight")) {
      return new long[] {VOCAB, WIDTH};
    }
    if (name.equals("wpe.weight")) {
      return new long[] {CONTEXT, WIDTH};
    }
    if (name.endsWith("c_attn.weight")) {
      return new long[] {WIDTH, 3 * WIDTH};
    }
    if (name.endsWith("mlp.c_fc.weight")) {
      return new long[] {WIDTH, 4 * WIDTH};
    }
    if (name.endsWith("mlp.c_proj.weight")) {
      return new long[] {4 * WIDTH, WIDTH};
    }
    if (name.endsWith("attn.c_proj.weight")) {
      return new long[] {WIDTH, WIDTH};
    }
    return new long[] {tensors.get(name).length};
  }

  private static float[] gaussian(Random r, int n, double std) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (std * r.nextGaussian());
    }
    return out;
  }

  private static float[] constant(int n, float value) {
    float[] out = new float[n];
    java.util.Arrays.fill(out, value);
    return out;
  }
}

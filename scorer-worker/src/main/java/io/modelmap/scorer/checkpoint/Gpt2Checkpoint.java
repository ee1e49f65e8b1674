package io.modelmap.scorer.checkpoint;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelmap.scorer.model.Gpt2Config;
import io.modelmap.scorer.model.SafetensorsFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A GPT-2 checkpoint with the byte-level tokenizer, in memory: its config and its tensors by Hugging
 * Face name (without the {@code transformer.} prefix) as float32 host arrays. Read and written in the
 * layout the scorer and {@code transformers} load: {@code config.json}, {@code model.safetensors},
 * {@code tokenizer.json}.
 *
 * <p>The one place that makes GPT-2 weights: random initialisation ({@link #initialised},
 * {@link #random}), perturbation, interpolation, rounding, reading and writing. The trainer, the
 * merge and quantize commands, the demo zoo and the throughput benchmark all go through it.
 */
public final class Gpt2Checkpoint {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Gpt2Config config;
  private final Map<String, float[]> tensors;

  /** A checkpoint of {@code config} holding {@code tensors} (by Hugging Face name, kept in their order). */
  public Gpt2Checkpoint(Gpt2Config config, Map<String, float[]> tensors) {
    this.config = config;
    this.tensors = tensors;
  }

  /** A byte-level GPT-2 of the given size. */
  public static Gpt2Config byteLevelConfig(int width, int layers, int heads, int context) {
    return new Gpt2Config(ByteLevelTokenizerJson.VOCAB_SIZE, context, width, layers, heads, 1e-5,
        ByteLevelTokenizerJson.END_OF_TEXT);
  }

  /** GPT-2's initialisation (Hugging Face): N(0, 0.02) weights, residual projections by 1/√(2·layers), zero biases. */
  public static Gpt2Checkpoint initialised(Gpt2Config config, long seed) {
    return random(config, seed, WeightScales.gpt2(config.layers()));
  }

  /**
   * Gaussian weights of the given scales drawn from one {@code Random(seed)} in tensor order (so equal
   * seeds give equal weights), zero biases, unit layer-norm gains.
   */
  public static Gpt2Checkpoint random(Gpt2Config config, long seed, WeightScales scales) {
    Random random = new Random(seed);
    int w = config.width();
    Map<String, float[]> t = new LinkedHashMap<>();
    t.put("wte.weight", gaussian(random, config.vocabSize() * w, scales.tokenEmbedding()));
    t.put("wpe.weight", gaussian(random, config.contextLength() * w, scales.positionEmbedding()));
    for (int l = 0; l < config.layers(); l++) {
      String p = "h." + l + ".";
      t.put(p + "ln_1.weight", filled(w, 1));
      t.put(p + "ln_1.bias", filled(w, 0));
      t.put(p + "attn.c_attn.weight", gaussian(random, w * 3 * w, scales.attention()));
      t.put(p + "attn.c_attn.bias", filled(3 * w, 0));
      t.put(p + "attn.c_proj.weight", gaussian(random, w * w, scales.attentionProjection()));
      t.put(p + "attn.c_proj.bias", filled(w, 0));
      t.put(p + "ln_2.weight", filled(w, 1));
      t.put(p + "ln_2.bias", filled(w, 0));
      t.put(p + "mlp.c_fc.weight", gaussian(random, w * 4 * w, scales.feedForward()));
      t.put(p + "mlp.c_fc.bias", filled(4 * w, 0));
      t.put(p + "mlp.c_proj.weight", gaussian(random, 4 * w * w, scales.feedForwardProjection()));
      t.put(p + "mlp.c_proj.bias", filled(w, 0));
    }
    t.put("ln_f.weight", filled(w, 1));
    t.put("ln_f.bias", filled(w, 0));
    return new Gpt2Checkpoint(config, t);
  }

  /** Reads a GPT-2 checkpoint folder (F32, F16 or BF16 tensors). */
  public static Gpt2Checkpoint read(Path dir) throws IOException {
    var json = JSON.readTree(Files.readString(dir.resolve("config.json")));
    if (!"gpt2".equals(json.path("model_type").asText())) {
      throw new IOException(dir + " is not a GPT-2 checkpoint (model_type " + json.path("model_type").asText("missing")
          + "); training, merging and rounding take GPT-2 checkpoints");
    }
    Gpt2Config config = Gpt2Config.from(json);
    SafetensorsFile file = SafetensorsFile.open(dir.resolve("model.safetensors"));
    Map<String, float[]> t = new LinkedHashMap<>();
    try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
      for (String name : file.names()) {
        String key = name.startsWith("transformer.") ? name.substring("transformer.".length()) : name;
        if (!key.endsWith(".attn.bias") && !key.endsWith(".attn.masked_bias") && !key.equals("lm_head.weight")) {
          t.put(key, file.load(name, manager).toFloatArray());
        }
      }
    }
    return new Gpt2Checkpoint(config, t);
  }

  /** Writes the folder; with {@code half}, tensors in F16 (half the size; the scorer widens them on load). */
  public void write(Path dir, boolean half) throws IOException {
    write(dir, ConfigFields.COMPLETE, half);
  }

  /** Writes the folder with a {@code config.json} of the given {@code fields}. */
  public void write(Path dir, ConfigFields fields, boolean half) throws IOException {
    Files.createDirectories(dir);
    ObjectNode json = JSON.createObjectNode().put("model_type", "gpt2").put("vocab_size", config.vocabSize())
        .put("n_positions", config.contextLength());
    if (fields.contextAliasAndDtype()) {
      json.put("n_ctx", config.contextLength());
    }
    json.put("n_embd", config.width()).put("n_layer", config.layers()).put("n_head", config.heads())
        .put("layer_norm_epsilon", config.layerNormEpsilon()).put("bos_token_id", config.bosTokenId());
    if (fields.endOfTextAndArchitecture()) {
      json.put("eos_token_id", config.bosTokenId());
    }
    if (fields.contextAliasAndDtype()) {
      json.put("torch_dtype", half ? "float16" : "float32");
    }
    if (fields.endOfTextAndArchitecture()) {
      json.putArray("architectures").add("GPT2LMHeadModel");
    }
    Files.writeString(dir.resolve("config.json"), json.toPrettyString(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("tokenizer.json"), ByteLevelTokenizerJson.json(), StandardCharsets.UTF_8);
    SafetensorsWriter writer = new SafetensorsWriter();
    tensors.forEach((name, data) -> writer.put(name, shape(name), data));
    writer.write(dir.resolve("model.safetensors"), half);
  }

  /** (1 − t)·this + t·other, tensor by tensor: a merge of two checkpoints that share their architecture. */
  public Gpt2Checkpoint interpolated(Gpt2Checkpoint other, double t) {
    if (!config.equals(other.config) || !tensors.keySet().equals(other.tensors.keySet())) {
      throw new IllegalArgumentException("checkpoints of different architectures cannot be merged: " + config + " and "
          + other.config);
    }
    Map<String, float[]> out = new LinkedHashMap<>();
    tensors.forEach((name, a) -> {
      float[] b = other.tensors.get(name);
      float[] m = new float[a.length];
      for (int i = 0; i < m.length; i++) {
        m[i] = (float) ((1 - t) * a[i] + t * b[i]);
      }
      out.put(name, m);
    });
    return new Gpt2Checkpoint(config, out);
  }

  /**
   * A "fine-tuned" variant: every weight w plus Gaussian noise of standard deviation
   * {@code scale}·max(|w|, 0.05) (so zero biases move too), drawn from one {@code Random(seed)} in tensor order.
   */
  public Gpt2Checkpoint perturbed(long seed, double scale) {
    Random r = new Random(seed);
    Map<String, float[]> out = new LinkedHashMap<>();
    tensors.forEach((name, w) -> {
      float[] p = w.clone();
      for (int i = 0; i < p.length; i++) {
        p[i] += (float) (scale * r.nextGaussian() * Math.max(Math.abs(w[i]), 0.05));
      }
      out.put(name, p);
    });
    return new Gpt2Checkpoint(config, out);
  }

  /** Every weight rounded to {@code mantissaBits} bits of mantissa (ties to even): 10 is float16's, 7 bfloat16's. */
  public Gpt2Checkpoint rounded(int mantissaBits) {
    if (mantissaBits < 1 || mantissaBits > 23) {
      throw new IllegalArgumentException("mantissa bits must be 1 to 23, was " + mantissaBits);
    }
    int drop = 23 - mantissaBits;
    Map<String, float[]> out = new LinkedHashMap<>();
    tensors.forEach((name, a) -> {
      float[] r = new float[a.length];
      for (int i = 0; i < r.length; i++) {
        int bits = Float.floatToRawIntBits(a[i]);
        int lsb = drop == 0 ? 0 : (bits >> drop) & 1;
        int rounded = drop == 0 ? bits : ((bits + (1 << (drop - 1)) - 1 + lsb) >> drop) << drop;
        r[i] = Float.intBitsToFloat(rounded);
      }
      out.put(name, r);
    });
    return new Gpt2Checkpoint(config, out);
  }

  public Gpt2Config config() {
    return config;
  }

  /** The tensors by name, in file order (the trainer reads them and builds its result from new ones). */
  public Map<String, float[]> tensors() {
    return tensors;
  }

  /** The shape of tensor {@code name} as it is stored (Conv1D weights in × out, as GPT-2 keeps them). */
  public long[] shape(String name) {
    long w = config.width();
    if (name.equals("wte.weight")) {
      return new long[] {config.vocabSize(), w};
    }
    if (name.equals("wpe.weight")) {
      return new long[] {config.contextLength(), w};
    }
    if (name.endsWith("attn.c_attn.weight")) {
      return new long[] {w, 3 * w};
    }
    if (name.endsWith("attn.c_proj.weight")) {
      return new long[] {w, w};
    }
    if (name.endsWith("mlp.c_fc.weight")) {
      return new long[] {w, 4 * w};
    }
    if (name.endsWith("mlp.c_proj.weight")) {
      return new long[] {4 * w, w};
    }
    return new long[] {tensors.get(name).length};
  }

  /** Parameters in all tensors. */
  public long parameterCount() {
    return tensors.values().stream().mapToLong(a -> a.length).sum();
  }

  private static float[] gaussian(Random random, int n, double std) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (std * random.nextGaussian());
    }
    return out;
  }

  private static float[] filled(int n, float value) {
    float[] out = new float[n];
    java.util.Arrays.fill(out, value);
    return out;
  }
}

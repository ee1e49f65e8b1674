package io.modelmap.scorer.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * The inverse frequencies of rotary embeddings after {@code rope_theta} and {@code rope_scaling}, as
 * transformers' modeling_rope_utils computes them for each {@code rope_type}.
 *
 * @param inverse θ_i for i &lt; dims/2 (LongRoPE: the short factors')
 * @param longInverse LongRoPE's frequencies for sequences longer than {@code longAbove}, or null
 * @param longAbove the original context length LongRoPE switches at
 * @param attentionFactor the factor cos and sin are scaled by (YaRN, LongRoPE; 1 otherwise)
 */
record RopeFrequencies(double[] inverse, double[] longInverse, int longAbove, double attentionFactor) {

  /** Unscaled: θ^(−2i/dims). */
  static RopeFrequencies plain(int dims, double theta) {
    return new RopeFrequencies(base(dims, theta), null, Integer.MAX_VALUE, 1);
  }

  double[] forLength(int length) {
    return longInverse != null && length > longAbove ? longInverse : inverse;
  }

  private static double[] base(int dims, double theta) {
    double[] f = new double[dims / 2];
    for (int i = 0; i < f.length; i++) {
      f[i] = 1.0 / Math.pow(theta, 2.0 * i / dims);
    }
    return f;
  }

  /**
   * {@code dims} rotating channels with base {@code theta}, scaled by the config's {@code rope_scaling}
   * (none, linear, dynamic, llama3, yarn, longrope).
   */
  static RopeFrequencies of(JsonNode config, int dims, double theta) throws IOException {
    JsonNode scaling = config.path("rope_scaling");
    double[] f = base(dims, theta);
    if (scaling.isMissingNode() || scaling.isNull()) {
      return new RopeFrequencies(f, null, Integer.MAX_VALUE, 1);
    }
    String type = scaling.path("rope_type").asText(scaling.path("type").asText("default"));
    double factor = scaling.path("factor").asDouble(1);
    int context = config.path("max_position_embeddings").asInt(2048);
    switch (type) {
      case "default" -> { }
      case "linear" -> {
        for (int i = 0; i < f.length; i++) {
          f[i] /= factor;
        }
      }
      // Dynamic NTK changes the base only for sequences longer than max_position_embeddings, which the
      // scorer never runs (longer texts are scored in windows): within it the frequencies are the default.
      case "dynamic" -> { }
      case "llama3" -> llama3(f, scaling, factor);
      case "yarn" -> {
        return yarn(scaling, dims, theta, factor, context);
      }
      case "longrope", "su" -> {
        return longRope(config, scaling, dims, theta, context);
      }
      default -> throw new IOException("rope_scaling type '" + type + "' is not supported; supported: linear,"
          + " dynamic, llama3, yarn, longrope");
    }
    return new RopeFrequencies(f, null, Integer.MAX_VALUE, 1);
  }

  /** Llama 3.1: low frequencies divided by the factor, high ones kept, a smooth blend between. */
  private static void llama3(double[] f, JsonNode scaling, double factor) {
    double low = scaling.path("low_freq_factor").asDouble(1);
    double high = scaling.path("high_freq_factor").asDouble(4);
    double original = scaling.path("original_max_position_embeddings").asDouble(8192);
    double lowWavelength = original / low;
    double highWavelength = original / high;
    for (int i = 0; i < f.length; i++) {
      double wavelength = 2 * Math.PI / f[i];
      if (wavelength > lowWavelength) {
        f[i] /= factor;
      } else if (wavelength >= highWavelength) {
        double smooth = (original / wavelength - low) / (high - low);
        f[i] = (1 - smooth) * f[i] / factor + smooth * f[i];
      }
    }
  }

  /**
   * YaRN: interpolated (÷ factor) and extrapolated frequencies blended by a linear ramp between the
   * correction dimensions of beta_fast and beta_slow rotations; cos and sin scaled by
   * 0.1·ln(factor) + 1 (or the ratio of the two mscales, or attention_factor when given).
   */
  private static RopeFrequencies yarn(JsonNode scaling, int dims, double theta, double factor, int context) {
    int original = scaling.path("original_max_position_embeddings").asInt(context);
    double attention;
    if (scaling.hasNonNull("attention_factor")) {
      attention = scaling.path("attention_factor").asDouble();
    } else if (scaling.hasNonNull("mscale") && scaling.hasNonNull("mscale_all_dim")
        && scaling.path("mscale").asDouble() != 0 && scaling.path("mscale_all_dim").asDouble() != 0) {
      attention = mscale(factor, scaling.path("mscale").asDouble()) / mscale(factor, scaling.path("mscale_all_dim").asDouble());
    } else {
      attention = mscale(factor, 1);
    }
    double betaFast = scaling.path("beta_fast").asDouble(32);
    double betaSlow = scaling.path("beta_slow").asDouble(1);
    boolean truncate = scaling.path("truncate").asBoolean(true);
    double low = correctionDim(betaFast, dims, theta, original);
    double high = correctionDim(betaSlow, dims, theta, original);
    if (truncate) {
      low = Math.floor(low);
      high = Math.ceil(high);
    }
    low = Math.max(low, 0);
    high = Math.min(high, dims - 1);
    if (low == high) {
      high += 0.001;
    }
    double[] f = new double[dims / 2];
    for (int i = 0; i < f.length; i++) {
      double extrapolated = 1.0 / Math.pow(theta, 2.0 * i / dims);
      double ramp = Math.min(1, Math.max(0, (i - low) / (high - low)));
      double extrapolationWeight = 1 - ramp;
      f[i] = extrapolated / factor * (1 - extrapolationWeight) + extrapolated * extrapolationWeight;
    }
    return new RopeFrequencies(f, null, Integer.MAX_VALUE, attention);
  }

  private static double mscale(double scale, double mscale) {
    return scale <= 1 ? 1 : 0.1 * mscale * Math.log(scale) + 1;
  }

  private static double correctionDim(double rotations, int dims, double theta, int context) {
    return dims * Math.log(context / (rotations * 2 * Math.PI)) / (2 * Math.log(theta));
  }

  /**
   * LongRoPE (Phi-3): per-frequency divisors, the short list up to original_max_position_embeddings and
   * the long one beyond; cos and sin scaled by √(1 + ln(s)/ln(original)), s = max_position_embeddings /
   * original, unless attention_factor is given.
   */
  private static RopeFrequencies longRope(JsonNode config, JsonNode scaling, int dims, double theta, int context)
      throws IOException {
    int original = config.path("original_max_position_embeddings")
        .asInt(scaling.path("original_max_position_embeddings").asInt(context));
    double factor = (double) context / original;
    double attention = scaling.hasNonNull("attention_factor") ? scaling.path("attention_factor").asDouble()
        : factor <= 1 ? 1 : Math.sqrt(1 + Math.log(factor) / Math.log(original));
    double[] base = base(dims, theta);
    return new RopeFrequencies(divided(base, scaling.path("short_factor")), divided(base, scaling.path("long_factor")),
        original, attention);
  }

  private static double[] divided(double[] base, JsonNode factors) throws IOException {
    if (factors.size() != base.length) {
      throw new IOException("rope_scaling has " + factors.size() + " LongRoPE factors; " + base.length + " expected");
    }
    double[] f = new double[base.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = base[i] / factors.get(i).asDouble();
    }
    return f;
  }
}

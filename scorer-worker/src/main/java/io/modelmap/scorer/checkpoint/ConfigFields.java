package io.modelmap.scorer.checkpoint;

/**
 * Which optional keys a checkpoint's {@code config.json} carries. Every form loads in the scorer and
 * in {@code transformers}; each maker keeps the form it has always written, so its files stay
 * byte for byte what they were (the committed zoo and the fixtures depend on it).
 */
public enum ConfigFields {
  /** Trained, merged and rounded checkpoints: also {@code n_ctx}, {@code eos_token_id}, {@code torch_dtype}, {@code architectures}. */
  COMPLETE(true, true),
  /** The demo's random-weight models: also {@code eos_token_id} and {@code architectures}. */
  DEMO(false, true),
  /** The throughput benchmark's models: the shape and the start token only. */
  SHAPE_ONLY(false, false);

  private final boolean contextAliasAndDtype;
  private final boolean endOfTextAndArchitecture;

  ConfigFields(boolean contextAliasAndDtype, boolean endOfTextAndArchitecture) {
    this.contextAliasAndDtype = contextAliasAndDtype;
    this.endOfTextAndArchitecture = endOfTextAndArchitecture;
  }

  boolean contextAliasAndDtype() {
    return contextAliasAndDtype;
  }

  boolean endOfTextAndArchitecture() {
    return endOfTextAndArchitecture;
  }
}

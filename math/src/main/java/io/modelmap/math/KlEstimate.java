package io.modelmap.math;

/**
 * A KL estimate between two models with the number of texts it rests on.
 *
 * @param nats KL divergence in nats per text
 * @param overlap texts both models have scored
 */
public record KlEstimate(double nats, int overlap) {

  /** The same divergence in bits per byte (modelmap paper §3.5). */
  public double bitsPerByte(double meanTextBytes) {
    return KlDivergence.toBitsPerByte(nats, meanTextBytes);
  }
}

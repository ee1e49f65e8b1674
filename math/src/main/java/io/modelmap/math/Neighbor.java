package io.modelmap.math;

/**
 * One entry of a model's neighbour list.
 *
 * @param modelId the neighbouring model
 * @param klNats estimated KL divergence in nats per text
 * @param overlap texts the estimate rests on
 */
public record Neighbor(String modelId, double klNats, int overlap) implements Comparable<Neighbor> {

  /** Nearest first; ties broken by model id so that the order never depends on arrival order. */
  @Override
  public int compareTo(Neighbor other) {
    int byKl = Double.compare(klNats, other.klNats);
    return byKl != 0 ? byKl : modelId.compareTo(other.modelId);
  }
}

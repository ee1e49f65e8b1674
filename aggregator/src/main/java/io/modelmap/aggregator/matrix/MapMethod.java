package io.modelmap.aggregator.matrix;

/** How the 2-D map is laid out from the pairwise KL values. */
public enum MapMethod {
  /** PCA of Q/√N: classical scaling of ‖q_i − q_j‖²/N = 2·KL_ij, which is exactly PCA from the Gram matrix. */
  PCA("pca"),
  /** Classical MDS taking the KL values themselves as distances. */
  MDS_KL("mds-kl");

  private final String label;

  MapMethod(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The method named {@code label} ({@code pca} or {@code mds-kl}). */
  public static MapMethod ofLabel(String label) {
    for (MapMethod method : values()) {
      if (method.label.equals(label)) {
        return method;
      }
    }
    throw new IllegalArgumentException("unknown map method '" + label + "'; use pca or mds-kl");
  }

  /** The squared distance the method scales, from KL in nats per text. */
  public double squaredDistance(double klNats) {
    return this == PCA ? 2 * klNats : klNats * klNats;
  }
}

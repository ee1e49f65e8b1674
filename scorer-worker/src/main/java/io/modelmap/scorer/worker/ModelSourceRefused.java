package io.modelmap.scorer.worker;

/** A model source the worker will not load: retrying cannot help, so its tasks go straight to the dead-letter topic. */
public final class ModelSourceRefused extends IllegalArgumentException {
  public ModelSourceRefused(String message) {
    super(message);
  }
}

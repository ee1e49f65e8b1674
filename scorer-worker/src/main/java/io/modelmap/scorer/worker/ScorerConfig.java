package io.modelmap.scorer.worker;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a scorer worker.
 *
 * @param groupId consumer group shared by all workers
 * @param workerId this worker's id, written into every record
 * @param modelRoots folders model sources must lie under; anything else is refused
 * @param batchSize windows per forward pass; 0 for the device's default ({@link DeviceChoice#defaultBatchSize})
 * @param device auto, cpu or gpu (see {@link DeviceChoice})
 * @param maxAttempts tries of a failing task before it goes to the dead-letter topic
 * @param maxModelBytes largest checkpoint folder a worker loads
 * @param torchScriptRoots model roots whose sources may be TorchScript ({@code torchscript.pt}), which
 *     can run code when loaded: an explicit opt-in per root, empty by default
 */
public record ScorerConfig(String groupId, String workerId, List<Path> modelRoots, int batchSize, String device,
    int maxAttempts, long maxModelBytes, List<Path> torchScriptRoots) {
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final long DEFAULT_MAX_MODEL_BYTES = 64L << 30;

  /** A CPU worker with the default limits. */
  public ScorerConfig(String groupId, String workerId, List<Path> modelRoots, int batchSize) {
    this(groupId, workerId, modelRoots, batchSize, "cpu", DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_MODEL_BYTES, List.of());
  }

  public ScorerConfig {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(device, "device");
    modelRoots = modelRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    torchScriptRoots = torchScriptRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    if (modelRoots.isEmpty()) {
      throw new IllegalArgumentException("at least one model root is needed");
    }
    if (maxAttempts < 1 || maxModelBytes < 1) {
      throw new IllegalArgumentException("maxAttempts and maxModelBytes must be positive");
    }
    if (batchSize < 0) {
      throw new IllegalArgumentException("batchSize must be 0 (the device's default) or more, was " + batchSize);
    }
  }
}

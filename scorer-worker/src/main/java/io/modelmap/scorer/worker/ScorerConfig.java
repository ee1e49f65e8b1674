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
 * @param batchSize windows per forward pass
 * @param device auto, cpu or gpu (see {@link DeviceChoice})
 */
public record ScorerConfig(String groupId, String workerId, List<Path> modelRoots, int batchSize, String device) {

  /** A CPU worker. */
  public ScorerConfig(String groupId, String workerId, List<Path> modelRoots, int batchSize) {
    this(groupId, workerId, modelRoots, batchSize, "cpu");
  }

  public ScorerConfig {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(device, "device");
    modelRoots = modelRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    if (modelRoots.isEmpty()) {
      throw new IllegalArgumentException("at least one model root is needed");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
    }
  }
}

package io.modelmap.scorer.worker;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Where a worker scores: {@code auto} (the first GPU when the engine sees one, else the CPU), {@code cpu} or {@code gpu}. */
public final class DeviceChoice {
  private DeviceChoice() {}

  public static Device resolve(String choice) {
    return switch (choice) {
      case "cpu" -> Device.cpu();
      case "gpu" -> {
        if (Engine.getEngine("PyTorch").getGpuCount() == 0) {
          throw new IllegalStateException("--device gpu, but PyTorch sees no GPU; check the driver and"
              + " PYTORCH_FLAVOR/PYTORCH_LIBRARY_PATH, or use --device cpu");
        }
        yield Device.gpu();
      }
      case "auto" -> Engine.getEngine("PyTorch").getGpuCount() > 0 ? Device.gpu() : Device.cpu();
      default -> throw new IllegalArgumentException("unknown device '" + choice + "'; use auto, cpu or gpu");
    };
  }

  /**
   * Windows per forward pass when none is configured: 1 on a CPU, where one window already fills the
   * cores and padding only costs (measured with bench-scorer), 32 on a GPU, which needs wide batches;
   * out-of-memory batches are halved anyway.
   */
  public static int defaultBatchSize(Device device) {
    return device.isGpu() ? 32 : 1;
  }
}

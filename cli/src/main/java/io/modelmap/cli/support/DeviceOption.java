package io.modelmap.cli.support;

import ai.djl.Device;
import io.modelmap.scorer.worker.DeviceChoice;
import picocli.CommandLine.Option;

/**
 * {@code --device}: where PyTorch runs (auto, cpu, gpu, cuda or cuda:N), from the environment variable {@code MODELMAP_DEVICE} by
 * default. Commands whose help text is shorter than the one below name it in {@code OptionDescriptions.properties}
 * under {@code modelmap.<command>.device}. Not final: {@link ScorerDeviceOptions} extends it, so its callers keep
 * reading {@code scoring.device}.
 */
public class DeviceOption {
  @Option(names = "--device", defaultValue = "${env:MODELMAP_DEVICE:-auto}", descriptionKey = "device",
      description = "auto (a GPU when PyTorch sees one), cpu, gpu or cuda (the first GPU), cuda:N (GPU number N)"
          + " (env MODELMAP_DEVICE; default ${DEFAULT-VALUE}).")
  public String device;

  /**
   * The device, checked before anything starts: a value that is no device, or a GPU that is not there, is the
   * user's mistake (one line, exit 2). Loads the PyTorch engine only for {@code auto} and GPU choices.
   */
  public Device resolve() {
    try {
      return DeviceChoice.resolve(device);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }
}

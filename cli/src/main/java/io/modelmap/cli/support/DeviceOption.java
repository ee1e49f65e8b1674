package io.modelmap.cli.support;

import picocli.CommandLine.Option;

/**
 * {@code --device}: where PyTorch runs (auto, cpu or gpu), from the environment variable {@code MODELMAP_DEVICE} by
 * default. Commands whose help text is shorter than the one below name it in {@code OptionDescriptions.properties}
 * under {@code modelmap.<command>.device}. Not final: {@link ScorerDeviceOptions} extends it, so its callers keep
 * reading {@code scoring.device}.
 */
public class DeviceOption {
  @Option(names = "--device", defaultValue = "${env:MODELMAP_DEVICE:-auto}", descriptionKey = "device",
      description = "auto (a GPU when PyTorch sees one), cpu or gpu (env MODELMAP_DEVICE; default ${DEFAULT-VALUE}).")
  public String device;
}

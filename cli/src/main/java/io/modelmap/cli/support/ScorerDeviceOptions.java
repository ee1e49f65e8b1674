package io.modelmap.cli.support;

import picocli.CommandLine.Option;

/** Where ({@code --device}, inherited) and how a scorer runs its forward passes: shared by {@code scorer}, {@code bench-scorer} and {@code map}. */
public final class ScorerDeviceOptions extends DeviceOption {
  @Option(names = "--batch-size", defaultValue = "${env:MODELMAP_BATCH_SIZE:-0}",
      description = "Windows per forward pass; 0: 1 on a CPU, 32 on a GPU (env MODELMAP_BATCH_SIZE; default ${DEFAULT-VALUE}).")
  public int batchSize;
}

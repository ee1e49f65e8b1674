package io.modelmap.cli;

import picocli.CommandLine.Option;

/** Where and how a scorer runs its forward passes: shared by {@code scorer}, {@code bench-scorer} and {@code map}. */
final class ScorerDeviceOptions {
  @Option(names = "--device", defaultValue = "${env:MODELMAP_DEVICE:-auto}",
      description = "auto (a GPU when PyTorch sees one), cpu or gpu (env MODELMAP_DEVICE; default ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--batch-size", defaultValue = "${env:MODELMAP_BATCH_SIZE:-0}",
      description = "Windows per forward pass; 0: 1 on a CPU, 32 on a GPU (env MODELMAP_BATCH_SIZE; default ${DEFAULT-VALUE}).")
  int batchSize;
}

package io.modelmap.cli.models;

import io.modelmap.cli.support.UsageError;
import io.modelmap.scorer.checkpoint.Gpt2Checkpoint;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modelmap merge}: weight interpolation of two GPT-2 checkpoints that share an architecture. */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = "Merge two GPT-2 checkpoints of one architecture (usually fine-tunes of one base) by weight"
        + " interpolation: (1 − w)·A + w·B, tensor by tensor.")
public final class MergeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "A", description = "First checkpoint folder.")
  Path a;

  @Parameters(index = "1", paramLabel = "B", description = "Second checkpoint folder.")
  Path b;

  @Option(names = "--weight", defaultValue = "0.5", description = "w, the share of B (default ${DEFAULT-VALUE}).")
  double weight;

  @Mixin
  CheckpointOutput output = new CheckpointOutput();

  @Override
  public Integer call() throws Exception {
    if (!(weight >= 0 && weight <= 1)) {
      throw new UsageError("--weight must be between 0 and 1, was " + weight);
    }
    output.requireWritable();
    Gpt2Checkpoint merged;
    try {
      merged = Gpt2Checkpoint.read(a).interpolated(Gpt2Checkpoint.read(b), weight);
    } catch (IllegalArgumentException e) {
      throw new UsageError(a + " and " + b + ": " + e.getMessage());
    }
    output.write(merged);
    System.out.printf("Wrote %s = %.2f·%s + %.2f·%s%n", output.out, 1 - weight, a, weight, b);
    return 0;
  }
}

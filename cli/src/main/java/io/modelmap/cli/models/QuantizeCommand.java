package io.modelmap.cli.models;

import io.modelmap.cli.support.UsageError;
import io.modelmap.scorer.checkpoint.Gpt2Checkpoint;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modelmap quantize}: a copy of a GPT-2 checkpoint with every weight rounded to fewer mantissa bits. */
@Command(name = "quantize", mixinStandardHelpOptions = true,
    description = "Round every weight of a GPT-2 checkpoint to fewer mantissa bits (ties to even): 10 is float16's"
        + " precision, 7 bfloat16's. Writes a derived model that should sit next to its original on the map.")
public final class QuantizeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "The checkpoint folder.")
  Path source;

  @Option(names = "--mantissa-bits", defaultValue = "10", description = "Bits of mantissa kept (default ${DEFAULT-VALUE}: float16).")
  int mantissaBits;

  @Mixin
  CheckpointOutput output = new CheckpointOutput(); // float16 is exact for --mantissa-bits ≤ 10 within its range

  @Override
  public Integer call() throws Exception {
    if (mantissaBits < 1 || mantissaBits > 23) {
      throw new UsageError("--mantissa-bits must be 1 to 23, was " + mantissaBits);
    }
    output.requireWritable();
    output.write(Gpt2Checkpoint.read(source).rounded(mantissaBits));
    System.out.printf("Wrote %s: %s with %d mantissa bits%n", output.out, source, mantissaBits);
    return 0;
  }
}

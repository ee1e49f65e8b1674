package io.modelmap.cli;

import io.modelmap.scorer.training.Gpt2Checkpoint;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modelmap quantize}: a copy of a GPT-2 checkpoint with every weight rounded to fewer mantissa bits. */
@Command(name = "quantize", mixinStandardHelpOptions = true,
    description = "Round every weight of a GPT-2 checkpoint to fewer mantissa bits (ties to even): 10 is float16's"
        + " precision, 7 bfloat16's. Writes a derived model that should sit next to its original on the map.")
final class QuantizeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "The checkpoint folder.")
  Path source;

  @Option(names = "--mantissa-bits", defaultValue = "10", description = "Bits of mantissa kept (default ${DEFAULT-VALUE}: float16).")
  int mantissaBits;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the rounded copy to.")
  Path out;

  @Option(names = "--float16", description = "Write the tensors as float16 (exact when --mantissa-bits ≤ 10 and in range).")
  boolean float16;

  @Override
  public Integer call() throws Exception {
    if (mantissaBits < 1 || mantissaBits > 23) {
      throw new UsageError("--mantissa-bits must be 1 to 23, was " + mantissaBits);
    }
    Gpt2Checkpoint.read(source).rounded(mantissaBits).write(out, float16);
    System.out.printf("Wrote %s: %s with %d mantissa bits%n", out, source, mantissaBits);
    return 0;
  }
}

package io.modelmap.cli.models;

import io.modelmap.cli.support.UsageError;
import io.modelmap.scorer.checkpoint.Gpt2Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where {@code train}, {@code merge} and {@code quantize} write their checkpoint, and in which precision. */
final class CheckpointOutput {
  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the checkpoint to"
      + " (new or empty).")
  Path out;

  @Option(names = "--float16", description = "Write the tensors as float16 (half the size; the scorer widens them).")
  boolean float16;

  /** Checked before any work, so a long run does not end on a folder it may not fill. */
  void requireWritable() throws IOException {
    if (Files.exists(out) && !(Files.isDirectory(out) && isEmpty(out))) {
      throw new UsageError("--out " + out + " exists and is not an empty folder; choose a new folder");
    }
  }

  void write(Gpt2Checkpoint checkpoint) throws IOException {
    checkpoint.write(out, float16);
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}

package io.modelmap.cli;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDManager;
import io.modelmap.scorer.model.CausalLm;
import io.modelmap.scorer.model.CausalLmLoader;
import io.modelmap.scorer.scoring.ScoringThroughput;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench-scorer --models-dir}: the worker's tokens/s for every checkpoint folder under a directory,
 * one after another on the same device and texts, one table row each, beside a libtorch matmul of the
 * logits' shape measured right after the model (the machine may be shared: both see the same load, and
 * the row ends with the 1-minute load average).
 */
final class FamilySweep {
  private final Device device;
  private final String dtype;
  private final int batch;
  private final int repeats;
  private final PrintStream out;

  FamilySweep(Device device, String dtype, int batch, int repeats, PrintStream out) {
    this.device = device;
    this.dtype = dtype;
    this.batch = batch;
    this.repeats = repeats;
    this.out = out;
  }

  /** Returns how many folders failed to load or score (each reported in its row). */
  int run(Path dir, List<String> texts) throws IOException {
    List<Path> folders;
    try (Stream<Path> children = Files.list(dir)) {
      folders = children.filter(f -> Files.isRegularFile(f.resolve("config.json"))).sorted().toList();
    }
    if (folders.isEmpty()) {
      throw new UsageError(dir + " has no checkpoint folders (subfolders with a config.json)");
    }
    out.printf("%s: %d checkpoints, %s, %d texts, batch %d, best of %d timed passes after one warm-up text%n",
        LocalDate.now(), folders.size(), dtype, texts.size(), batch, repeats);
    out.printf("Machine: %s%n", Machine.describe(device));
    out.printf("FLOP per token = %s%n%n", ModelShape.formula());
    out.println("| model_type | parameters | MFLOP / token | tokens/s | GFLOP/s | matmul GFLOP/s | % of matmul | load |");
    out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
    int failed = 0;
    for (Path folder : folders) {
      try {
        out.println(row(folder, texts));
      } catch (Exception | LinkageError e) {
        failed++;
        out.printf("| %s | failed: %s | | | | | | |%n", folder.getFileName(), e.getMessage());
      }
      out.flush();
    }
    out.printf("%nEnd: %s%n", Machine.load());
    return failed;
  }

  private String row(Path folder, List<String> texts) throws Exception {
    try (CausalLm lm = CausalLmLoader.load(folder, device, dtype);
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(folder.resolve("tokenizer.json"),
            Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
        NDManager manager = NDManager.newBaseManager(device)) {
      ScoringThroughput throughput = new ScoringThroughput(lm, tokenizer, manager, batch);
      throughput.worker(texts.subList(0, 1)); // warm-up: first allocations, libtorch's kernel choices
      double tokensPerSecond = 0;
      for (int i = 0; i < repeats; i++) {
        tokensPerSecond = Math.max(tokensPerSecond, throughput.worker(texts));
      }
      ModelShape shape = ModelShape.of(folder, tokenizer, texts, lm.contextLength());
      double gflops = tokensPerSecond * shape.flopsPerToken() / 1e9;
      double matmul = MatmulFloor.gflops(manager, batch * shape.tokensPerText(), shape.width(), shape.vocab());
      String name = folder.getFileName().toString();
      String type = name.equals(shape.modelType()) ? name : shape.modelType() + " (" + name + ")";
      return String.format("| %s | %.1f M | %.0f | %,.0f | %.1f | %.1f | %.0f %% | %s |", type,
          shape.parameters() / 1e6, shape.flopsPerToken() / 1e6, tokensPerSecond, gflops, matmul,
          100 * gflops / matmul, Machine.load().replace("load average ", ""));
    }
  }
}

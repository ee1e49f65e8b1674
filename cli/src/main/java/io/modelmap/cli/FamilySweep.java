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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench-scorer --models-dir}: the worker's tokens/s for every checkpoint folder under a directory,
 * on the same device and texts, beside a libtorch matmul of the logits' shape measured right after each
 * model. The folders are measured in rounds, one after another, and each round's rows printed with the
 * 1-minute load average; a summary then keeps each model's best round and rates it against the best
 * matmul of the whole sweep. On a shared machine other work slows any one measurement, never speeds it
 * up, so the best of rounds minutes apart is the closest to the machine's own figure.
 */
final class FamilySweep {
  private final Device device;
  private final String dtype;
  private final int batch;
  private final int repeats;
  private final PrintStream out;

  /** One model measured once. */
  private record Measurement(ModelShape shape, int rows, double tokensPerSecond, double matmulGflops) {
    double gflops() {
      return tokensPerSecond * shape.flopsPerToken() / 1e9;
    }

    /** The matmul's shape: models of one shape share the best matmul measured. */
    String matmulShape() {
      return rows + "×" + shape.width() + "×" + shape.vocab();
    }
  }

  FamilySweep(Device device, String dtype, int batch, int repeats, PrintStream out) {
    this.device = device;
    this.dtype = dtype;
    this.batch = batch;
    this.repeats = repeats;
    this.out = out;
  }

  /** Returns how many folders failed to load or score (each reported in its row, then left out). */
  int run(Path dir, List<String> texts, int rounds) throws IOException {
    List<Path> folders;
    try (Stream<Path> children = Files.list(dir)) {
      folders = children.filter(f -> Files.isRegularFile(f.resolve("config.json"))).sorted().toList();
    }
    if (folders.isEmpty()) {
      throw new UsageError(dir + " has no checkpoint folders (subfolders with a config.json)");
    }
    out.printf("%s: %d checkpoints, %s, %d texts, batch %d; %d rounds, each model loaded, warmed up on one text,"
        + " then the best of %d timed passes%n", LocalDate.now(), folders.size(), dtype, texts.size(), batch, rounds,
        repeats);
    out.printf("Machine: %s%n", Machine.describe(device));
    out.printf("FLOP per token = %s%n%n", ModelShape.formula());
    out.println("| round | model_type | MFLOP / token | tokens/s | GFLOP/s | matmul GFLOP/s | % of matmul | load |");
    out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
    Map<Path, List<Measurement>> measured = new LinkedHashMap<>();
    List<Path> failed = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      for (Path folder : folders) {
        if (failed.contains(folder)) {
          continue;
        }
        try {
          Measurement m = measure(folder, texts);
          measured.computeIfAbsent(folder, f -> new ArrayList<>()).add(m);
          out.printf("| %d | %s | %.0f | %,.0f | %.1f | %.1f | %.0f %% | %s |%n", round, name(folder, m.shape()),
              m.shape().flopsPerToken() / 1e6, m.tokensPerSecond(), m.gflops(), m.matmulGflops(),
              100 * m.gflops() / m.matmulGflops(), Machine.load().replace("load average ", ""));
        } catch (Exception | LinkageError e) {
          failed.add(folder);
          out.printf("| %d | %s | failed: %s | | | | | |%n", round, folder.getFileName(), e.getMessage());
        }
        out.flush();
      }
    }
    summary(measured, rounds);
    return failed.size();
  }

  private void summary(Map<Path, List<Measurement>> measured, int rounds) {
    Map<String, Double> matmul = new LinkedHashMap<>();
    measured.values().stream().flatMap(List::stream)
        .forEach(m -> matmul.merge(m.matmulShape(), m.matmulGflops(), Math::max));
    out.printf("%nEnd: %s. Each model's best of %d rounds, beside the best matmul of its shape in the sweep:%n%n",
        Machine.load(), rounds);
    out.println("| model_type | parameters | MFLOP / token | tokens/s (rounds' range) | GFLOP/s | matmul GFLOP/s"
        + " | % of matmul |");
    out.println("| --- | --- | --- | --- | --- | --- | --- |");
    measured.forEach((folder, runs) -> {
      Measurement best = runs.stream().max((a, b) -> Double.compare(a.tokensPerSecond(), b.tokensPerSecond()))
          .orElseThrow();
      double slowest = runs.stream().mapToDouble(Measurement::tokensPerSecond).min().orElseThrow();
      double reference = matmul.get(best.matmulShape());
      out.printf("| %s | %.1f M | %.0f | %,.0f (%,.0f–%,.0f) | %.1f | %.1f | %.0f %% |%n", name(folder, best.shape()),
          best.shape().parameters() / 1e6, best.shape().flopsPerToken() / 1e6, best.tokensPerSecond(), slowest,
          best.tokensPerSecond(), best.gflops(), reference, 100 * best.gflops() / reference);
    });
  }

  private Measurement measure(Path folder, List<String> texts) throws Exception {
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
      int rows = batch * shape.tokensPerText();
      return new Measurement(shape, rows, tokensPerSecond, MatmulFloor.gflops(manager, rows, shape.width(),
          shape.vocab()));
    }
  }

  /** The model_type, and the folder's name where it differs. */
  private static String name(Path folder, ModelShape shape) {
    String name = folder.getFileName().toString();
    return name.equals(shape.modelType()) ? name : shape.modelType() + " (" + name + ")";
  }
}

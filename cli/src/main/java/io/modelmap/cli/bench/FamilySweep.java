package io.modelmap.cli.bench;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDManager;
import io.modelmap.cli.support.UsageError;
import io.modelmap.cli.terminal.Plural;
import io.modelmap.scorer.model.CausalLm;
import io.modelmap.scorer.model.CausalLmLoader;
import io.modelmap.scorer.scoring.ScoringThroughput;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench-scorer --models-dir}: the worker's throughput for every checkpoint folder under a
 * directory, on the same device and texts, beside a libtorch matmul of the logits' shape (measured once
 * per round and shape). Every pass is timed by two clocks: wall time (what a user waits) and the
 * process's CPU time ({@link CpuClock}: on a machine shared with other work, wall time grows with their
 * load, CPU time far less). The folders are measured in rounds, one after another, each round's rows
 * printed with the 1-minute load average; a summary keeps each model's best round and rates its GFLOP per
 * CPU-second against the best matmul of its shape in the sweep.
 */
final class FamilySweep {
  private final Device device;
  private final String dtype;
  private final int batch;
  private final int repeats;
  private final PrintStream out;

  /** One model measured once: the best of {@code repeats} passes by each clock. */
  private record Measurement(ModelShape shape, int rows, double tokensPerSecond, double tokensPerCpuSecond,
      MatmulFloor matmul) {
    double gflopsPerCpuSecond() {
      return tokensPerCpuSecond * shape.flopsPerToken() / 1e9;
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
    out.printf("%s: %s, %s, %s, batch %d; %s, each model loaded, warmed up on %s, then the best of %s%n",
        LocalDate.now(), Plural.of(folders.size(), "checkpoint"), dtype, Plural.of(texts.size(), "text"), batch,
        Plural.of(rounds, "round"), Plural.of(warmUp(texts).get(0).length(), "character"),
        Plural.of(repeats, "timed pass", "timed passes"));
    out.printf("Machine: %s%n", Machine.describe(device));
    out.printf("FLOP per token = %s%n%n", ModelShape.formula());
    out.println("| round | model_type | MFLOP / token | tokens/s | tokens / CPU-s | matmul GFLOP/s | matmul GFLOP"
        + " / CPU-s | load |");
    out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
    Map<Path, List<Measurement>> measured = new LinkedHashMap<>();
    List<Path> failed = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      Map<String, MatmulFloor> matmuls = new LinkedHashMap<>(); // this round's, by shape
      for (Path folder : folders) {
        if (failed.contains(folder)) {
          continue;
        }
        try {
          Measurement m = measure(folder, texts, matmuls);
          measured.computeIfAbsent(folder, f -> new ArrayList<>()).add(m);
          out.printf("| %d | %s | %.0f | %,.0f | %,.0f | %.1f | %.1f | %s |%n", round, name(folder, m.shape()),
              m.shape().flopsPerToken() / 1e6, m.tokensPerSecond(), m.tokensPerCpuSecond(), m.matmul().gflops(),
              m.matmul().gflopsPerCpuSecond(), Machine.load().replace("load average ", ""));
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
        .forEach(m -> matmul.merge(m.matmulShape(), m.matmul().gflopsPerCpuSecond(), Math::max));
    out.printf("%nEnd: %s. Each model's best of %s; %% of the best matmul of its shape in the sweep, per"
        + " CPU-second:%n%n", Machine.load(), Plural.of(rounds, "round"));
    out.println("| model_type | parameters | MFLOP / token | tokens/s (rounds' range) | tokens / CPU-s | GFLOP / CPU-s"
        + " | matmul GFLOP / CPU-s | % of matmul |");
    out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
    measured.forEach((folder, runs) -> {
      Measurement best = runs.stream().max(Comparator.comparingDouble(Measurement::tokensPerCpuSecond)).orElseThrow();
      double fastest = runs.stream().mapToDouble(Measurement::tokensPerSecond).max().orElseThrow();
      double slowest = runs.stream().mapToDouble(Measurement::tokensPerSecond).min().orElseThrow();
      double reference = matmul.get(best.matmulShape());
      out.printf("| %s | %.1f M | %.0f | %,.0f (%,.0f–%,.0f) | %,.0f | %.1f | %.1f | %.0f %% |%n",
          name(folder, best.shape()), best.shape().parameters() / 1e6, best.shape().flopsPerToken() / 1e6, fastest,
          slowest, fastest, best.tokensPerCpuSecond(), best.gflopsPerCpuSecond(), reference,
          100 * best.gflopsPerCpuSecond() / reference);
    });
  }

  private Measurement measure(Path folder, List<String> texts, Map<String, MatmulFloor> matmuls) throws Exception {
    try (CausalLm lm = CausalLmLoader.load(folder, device, dtype);
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(folder.resolve("tokenizer.json"),
            Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
        NDManager manager = NDManager.newBaseManager(device)) {
      ScoringThroughput throughput = new ScoringThroughput(lm, tokenizer, manager, batch);
      throughput.workerTokens(warmUp(texts)); // the JIT, first allocations, libtorch's kernel choices
      double perSecond = 0;
      double perCpuSecond = 0;
      for (int i = 0; i < repeats; i++) {
        long started = System.nanoTime();
        long startedCpu = CpuClock.nanos();
        long tokens = throughput.workerTokens(texts);
        perSecond = Math.max(perSecond, tokens / ((System.nanoTime() - started) / 1e9));
        perCpuSecond = Math.max(perCpuSecond, tokens / ((CpuClock.nanos() - startedCpu) / 1e9));
      }
      ModelShape shape = ModelShape.of(folder, tokenizer, texts, lm.contextLength());
      int rows = batch * shape.tokensPerText();
      MatmulFloor matmul = matmuls.computeIfAbsent(rows + "×" + shape.width() + "×" + shape.vocab(),
          key -> MatmulFloor.measure(manager, rows, shape.width(), shape.vocab()));
      return new Measurement(shape, rows, perSecond, perCpuSecond, matmul);
    }
  }

  /** The first 256 characters of the first text (a surrogate pair kept whole): a short first pass. */
  private static List<String> warmUp(List<String> texts) {
    String text = texts.get(0);
    int end = Math.min(text.length(), 256);
    return List.of(text.substring(0, end < text.length() && Character.isLowSurrogate(text.charAt(end)) ? end - 1
        : end));
  }

  /** The model_type, and the folder's name where it differs. */
  private static String name(Path folder, ModelShape shape) {
    String name = folder.getFileName().toString();
    return name.equals(shape.modelType()) ? name : shape.modelType() + " (" + name + ")";
  }
}

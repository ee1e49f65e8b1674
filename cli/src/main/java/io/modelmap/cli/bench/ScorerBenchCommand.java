package io.modelmap.cli.bench;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDManager;
import io.modelmap.cli.support.ScorerDeviceOptions;
import io.modelmap.cli.support.UsageError;
import io.modelmap.cli.terminal.Plural;
import io.modelmap.producer.corpus.CorpusBuilder;
import io.modelmap.producer.corpus.CorpusText;
import io.modelmap.producer.corpus.DemoCorpus;
import io.modelmap.producer.corpus.CorpusSpec;
import io.modelmap.scorer.demo.RandomGpt2;
import io.modelmap.scorer.model.CausalLm;
import io.modelmap.scorer.model.CausalLmLoader;
import io.modelmap.scorer.scoring.ScoringThroughput;
import io.modelmap.scorer.worker.DeviceChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code modelmap bench-scorer}: tokens/s of the worker's scoring against the forward pass alone and the
 * per-token method for one model, or of the worker alone for every checkpoint under a directory.
 */
@Command(name = "bench-scorer", mixinStandardHelpOptions = true,
    description = {"Measure scoring throughput (tokens/s): the worker's path, the forward pass alone on the same"
        + " batches, and the modelmap reference method (one text per pass, per-token loop).",
        "With --models-dir: the worker's tokens/s and GFLOP/s for each checkpoint folder under it, one table row"
        + " each, beside one libtorch matmul of the logits' shape."})
public final class ScorerBenchCommand implements Callable<Integer> {
  @Mixin
  ScorerDeviceOptions scoring;

  @Option(names = "--model", description = "A Hugging Face checkpoint folder (default: a random GPT-2, see below).")
  Path model;

  @Option(names = "--models-dir", description = "A directory of checkpoint folders: one table row per folder"
      + " (e.g. those scorer-worker/src/test/python/bench_shapes.py writes).")
  Path modelsDir;

  @Option(names = "--rounds", defaultValue = "1", description = "With --models-dir: passes over all the folders;"
      + " each model's best round counts (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--repeats", defaultValue = "3", description = "Timed passes over the texts; the best counts"
      + " (default ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--vocab", defaultValue = "50257", description = "Vocabulary of the random GPT-2 (default ${DEFAULT-VALUE}, GPT-2's).")
  int vocab;

  @Option(names = "--width", defaultValue = "256", description = "Width of the random GPT-2 (default ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--layers", defaultValue = "4", description = "Layers of the random GPT-2 (default ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--heads", defaultValue = "8", description = "Attention heads of the random GPT-2 (default ${DEFAULT-VALUE}).")
  int heads;

  @Option(names = "--texts", defaultValue = "48", description = "Texts of ≤ 1,024 bytes (default ${DEFAULT-VALUE}).")
  int texts;

  @Option(names = "--dtype", defaultValue = "float32",
      description = "Weights' dtype: float32, float16 or bfloat16 (default ${DEFAULT-VALUE}; log-softmax is float32).")
  String dtype;

  @Override
  public Integer call() throws Exception {
    if (repeats < 1 || rounds < 1) {
      throw new UsageError("--repeats and --rounds must be at least 1");
    }
    if (modelsDir != null) {
      if (model != null) {
        throw new UsageError("give --model or --models-dir, not both");
      }
      Device on = scoring.resolve();
      int batch = scoring.batchSize > 0 ? scoring.batchSize : DeviceChoice.defaultBatchSize(on);
      return new FamilySweep(on, dtype, batch, repeats, System.out).run(modelsDir, corpus(), rounds) == 0 ? 0 : 1;
    }
    Path folder = model != null ? model
        : RandomGpt2.write(Files.createTempDirectory("bench-scorer"), vocab, width, layers, heads, 1100, 1);
    List<String> corpus = corpus();
    Device on = scoring.resolve();
    try (CausalLm lm = CausalLmLoader.load(folder, on, dtype);
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(folder.resolve("tokenizer.json"),
            Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
        NDManager manager = NDManager.newBaseManager(on)) {
      int batch = scoring.batchSize > 0 ? scoring.batchSize : DeviceChoice.defaultBatchSize(on);
      ScoringThroughput throughput = new ScoringThroughput(lm, tokenizer, manager, batch);
      System.out.printf("Model %s (%s) on %s, %s, batch %d; warming up ...%n", folder, dtype, on,
          Plural.of(corpus.size(), "text"), batch);
      throughput.worker(corpus);
      throughput.forwardOnly(corpus);
      throughput.perTokenLoop(corpus.subList(0, Math.min(8, corpus.size())));
      double worker = best(() -> throughput.worker(corpus));
      double forward = best(() -> throughput.forwardOnly(corpus));
      double perToken = best(() -> throughput.perTokenLoop(corpus));
      ModelShape shape = ModelShape.of(folder, tokenizer, corpus, lm.contextLength());
      double matmul = best(() -> MatmulFloor.gflops(manager, batch * shape.tokensPerText(), shape.width(),
          shape.vocab()));
      System.out.printf("%n%s; %.0f MFLOP per scored token (%s)%n", shape.describe(), shape.flopsPerToken() / 1e6,
          ModelShape.formula());
      System.out.printf("%n| path | tokens/s | GFLOP/s | ratio |%n| --- | --- | --- | --- |%n");
      System.out.printf("| worker (windows batched by length, blocked log-sum-exp + target logit on device) | %,.0f | %.1f"
          + " | 1.00 |%n", worker, worker * shape.flopsPerToken() / 1e9);
      System.out.printf("| forward pass with full logits [batch, length, vocab], same batches | %,.0f | %.1f | worker ="
          + " %.2f× of it |%n", forward, forward * shape.flopsPerToken() / 1e9, worker / forward);
      System.out.printf("| modelmap reference (one text per pass, per-token loop) | %,.0f | %.1f | worker = %.1f× faster"
          + " |%n", perToken, perToken * shape.flopsPerToken() / 1e9, worker / perToken);
      System.out.printf("| one libtorch matmul, [%d × %d] · [%d × %d] (the logits' shape): the floor | | %.1f | worker at"
          + " %.0f %% of it |%n", batch * shape.tokensPerText(), shape.width(), shape.width(), shape.vocab(), matmul,
          100 * worker * shape.flopsPerToken() / 1e9 / matmul);
    }
    return 0;
  }

  /** Texts of 256 to 1,024 bytes from the demo documents, the same on every run. */
  private List<String> corpus() {
    return new CorpusBuilder(new CorpusSpec(1024, 256, texts, 3)).build(DemoCorpus.documents(20, 7)).stream()
        .map(CorpusText::text).toList();
  }

  /** The best of {@code --repeats} runs, to keep the JIT and the OS out of the figure. */
  private double best(java.util.function.DoubleSupplier run) {
    double best = 0;
    for (int i = 0; i < repeats; i++) {
      best = Math.max(best, run.getAsDouble());
    }
    return best;
  }
}

package io.modelmap.cli.models;

import io.modelmap.cli.support.DeviceOption;
import io.modelmap.cli.support.DocumentOptions;
import io.modelmap.cli.support.UsageError;
import io.modelmap.producer.corpus.DemoCorpus;
import io.modelmap.formats.corpus.Document;
import io.modelmap.scorer.checkpoint.Gpt2Checkpoint;
import io.modelmap.scorer.training.Gpt2Trainer;
import io.modelmap.scorer.training.TrainingMix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap train}: trains a byte-level GPT-2 with DJL on a corpus, from scratch or from a checkpoint. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a small byte-level GPT-2 (DJL, PyTorch engine) on documents, from scratch or continued"
        + " from a checkpoint (fine-tuning), and write it in the Hugging Face layout the scorer reads.")
public final class TrainCommand implements Callable<Integer> {
  @Mixin
  DocumentOptions sources = new DocumentOptions();

  @Option(names = "--demo-corpus", description = "Train on the demo corpus's generator (prose, code, legal, tables)"
      + " with --demo-corpus-seed, instead of --corpus/--text.")
  boolean demoCorpus;

  @Option(names = "--demo-corpus-seed", defaultValue = "7",
      description = "Seed of the demo documents (default ${DEFAULT-VALUE}; the demo maps seed 2024, so these are other texts).")
  long demoCorpusSeed;

  @Option(names = "--mix", split = ",", paramLabel = "CATEGORY=SHARE",
      description = "Share of training windows per category, e.g. code=3,prose=1 (default: every category equally).")
  Map<String, Double> mix = new LinkedHashMap<>();

  @Option(names = "--from", paramLabel = "DIR", description = "Continue training this GPT-2 checkpoint (fine-tuning).")
  Path from;

  @Mixin
  CheckpointOutput output = new CheckpointOutput();

  @Option(names = "--width", defaultValue = "64", description = "n_embd of a new model (default ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--layers", defaultValue = "2", description = "n_layer of a new model (default ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--heads", defaultValue = "4", description = "n_head of a new model (default ${DEFAULT-VALUE}).")
  int heads;

  @Option(names = "--context", defaultValue = "256", description = "n_positions of a new model (default ${DEFAULT-VALUE}).")
  int context;

  @Option(names = "--steps", defaultValue = "1000", description = "Optimiser steps (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--batch", defaultValue = "16", description = "Windows per step (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--length", defaultValue = "128", description = "Tokens (bytes) per window (default ${DEFAULT-VALUE}).")
  int length;

  @Option(names = "--learning-rate", defaultValue = "3e-3", description = "Adam step size (default ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--warmup", defaultValue = "50", description = "Warm-up steps (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the batches, and of the initial weights unless"
      + " --init-seed is given (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--init-seed", description = "Seed of a new model's initial weights (default: --seed); runs that share"
      + " it start from the same weights, as a lab's data-mix ablations do.")
  Long initSeed;


  @Mixin
  public DeviceOption device;

  @Override
  public Integer call() throws Exception {
    if (demoCorpus == sources.anySource()) {
      throw new UsageError("train needs either --demo-corpus or documents (--corpus FILE|DIR, --text PATH --category NAME)");
    }
    output.requireWritable();
    Map<String, List<String>> byCategory = new TreeMap<>();
    for (Document d : demoCorpus ? DemoCorpus.documents(40, demoCorpusSeed) : sources.documents(System.out)) {
      byCategory.computeIfAbsent(d.category(), c -> new ArrayList<>()).add(d.text());
    }
    Map<String, Double> shares = new TreeMap<>(mix);
    if (shares.isEmpty()) {
      byCategory.keySet().forEach(c -> shares.put(c, 1.0));
    }
    TrainingMix training;
    try {
      training = TrainingMix.of(byCategory, shares);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--mix: " + e.getMessage());
    }
    Gpt2Checkpoint start = from != null ? Gpt2Checkpoint.read(from)
        : Gpt2Checkpoint.initialised(Gpt2Checkpoint.byteLevelConfig(width, layers, heads, context),
            initialWeightsSeed());
    var settings = new Gpt2Trainer.Settings(steps, batch, length, learningRate, warmup, seed);
    System.out.printf("Training %s (%,d parameters) on %s: %d steps of %d × %d bytes%n",
        from != null ? "from " + from : "a new GPT-2 (" + layers + " layers, width " + width + ")",
        start.parameterCount(), training.describe(), steps, batch, length);
    long begun = System.nanoTime();
    Gpt2Trainer.Result result = Gpt2Trainer.train(start, training, settings, device.resolve(), p ->
        System.out.printf("  step %d/%d · loss %.3f nats/byte (%.3f bits/byte) · %,.0f bytes/s · about %.0f s left%n",
            p.step(), p.steps(), p.loss(), p.loss() / Math.log(2), p.tokensPerSecond(),
            (p.steps() - p.step()) * (double) batch * length / p.tokensPerSecond()));
    output.write(result.checkpoint());
    System.out.printf("Wrote %s: final loss %.3f nats/byte, %,d bytes trained on in %.0f s (%,.0f bytes/s)%s%n", output.out,
        result.finalLoss(), result.tokens(), (System.nanoTime() - begun) / 1e9, result.tokensPerSecond(),
        result.skippedSteps() == 0 ? "" : "; steps skipped for a non-finite gradient: " + result.skippedSteps());
    return 0;
  }

  /** --init-seed when given, otherwise --seed. */
  long initialWeightsSeed() {
    return initSeed == null ? seed : initSeed;
  }
}

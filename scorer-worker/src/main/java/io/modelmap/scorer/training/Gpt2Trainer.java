package io.modelmap.scorer.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.modelmap.scorer.checkpoint.Gpt2Checkpoint;
import io.modelmap.scorer.model.Gpt2Model;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Next-token training of a GPT-2 with DJL's autograd (PyTorch engine), through the scorer's own
 * forward pass ({@link Gpt2Model}), so what is trained is exactly what is scored. DJL's Adam
 * ({@link Optimizer#adam()}) with a linear warm-up and a cosine decay ({@link #schedule}), gradients
 * clipped to a global norm of 1; batches of random windows of the corpus, drawn from the seed. A step
 * whose gradient is not finite is skipped (more than a tenth of them stops the run). Float32 on the CPU
 * or a GPU.
 *
 * <p>DJL's Adam differs from the textbook form in where ε sits: it folds both bias corrections into the
 * step size, w −= η·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε), which is m̂ / (√v̂ + ε/√(1−β₂ᵗ)): ε is larger in
 * the first steps (4.5·ε at t = 1 with β₂ = 0.95) and tends to ε. With ε = 1e-8 this matters only for
 * gradients near 1e-8. A skipped batch advances neither Adam's step count nor the schedule.
 */
public final class Gpt2Trainer {
  private static final float BETA1 = 0.9f;
  private static final double MIN_RATE_SHARE = 0.1;
  private static final NDIndex ALL = new NDIndex("...");
  private static final float BETA2 = 0.95f;
  private static final float EPSILON = 1e-8f;
  private static final double CLIP_NORM = 1.0;

  private Gpt2Trainer() {}

  /**
   * @param steps optimiser steps
   * @param batch windows per step
   * @param length tokens per window (at most the context)
   * @param learningRate Adam's step size after warm-up
   * @param warmupSteps steps over which the step size rises linearly from 0
   */
  public record Settings(int steps, int batch, int length, double learningRate, int warmupSteps, long seed) {
    public Settings {
      if (steps < 1 || batch < 1 || length < 2 || !(learningRate > 0) || warmupSteps < 0) {
        throw new IllegalArgumentException("steps, batch ≥ 1, length ≥ 2, a positive learning rate and warm-up ≥ 0");
      }
    }
  }

  /** Where training stands: the mean loss (nats per token) of the recent steps and the throughput so far. */
  public record Progress(int step, int steps, double loss, double tokensPerSecond) {}

  /** The trained checkpoint, its final loss, the throughput and the steps skipped for a non-finite gradient. */
  public record Result(Gpt2Checkpoint checkpoint, double finalLoss, double tokensPerSecond, long tokens,
      int skippedSteps) {}

  public static Result train(Gpt2Checkpoint start, TrainingMix corpus, Settings settings, Device device,
      Consumer<Progress> progress) {
    if (settings.length() > start.config().contextLength()) {
      throw new IllegalArgumentException("windows of " + settings.length() + " tokens exceed the context of "
          + start.config().contextLength());
    }
    Random random = new Random(settings.seed());
    Optimizer adam = Optimizer.adam().optLearningRateTracker(schedule(settings)).optBeta1(BETA1)
        .optBeta2(BETA2).optEpsilon(EPSILON).build();
    try (NDManager manager = NDManager.newBaseManager(device)) {
      Map<String, NDArray> parameters = new LinkedHashMap<>();
      start.tensors().forEach((name, values) -> {
        NDArray p = manager.create(values, new Shape(start.shape(name)));
        p.setRequiresGradient(true);
        parameters.put(name, p);
      });
      Gpt2Model model = Gpt2Model.of(start.config(), manager.newSubManager(), parameters);
      long begun = System.nanoTime();
      double recent = Double.NaN;
      int skipped = 0;
      for (int step = 1; step <= settings.steps(); step++) {
        double loss;
        try (NDScope scope = new NDScope()) {
          loss = lossAndClippedGradients(model, parameters, corpus.windows(random, settings.batch(), settings.length()),
              manager);
        }
        if (Double.isNaN(loss)) {
          if (++skipped > settings.steps() / 10) {
            throw new IllegalStateException("training diverged: " + skipped + " of " + step
                + " steps had a non-finite gradient; lower --learning-rate");
          }
          continue;
        }
        update(adam, parameters);
        recent = Double.isNaN(recent) ? loss : 0.95 * recent + 0.05 * loss;
        long tokens = (long) step * settings.batch() * settings.length();
        if (step % 25 == 0 || step == settings.steps()) {
          progress.accept(new Progress(step, settings.steps(), recent, tokens / ((System.nanoTime() - begun) / 1e9)));
        }
      }
      long tokens = (long) settings.steps() * settings.batch() * settings.length();
      Map<String, float[]> trained = new LinkedHashMap<>();
      parameters.forEach((name, p) -> trained.put(name, p.toFloatArray()));
      return new Result(new Gpt2Checkpoint(start.config(), trained), recent,
          tokens / ((System.nanoTime() - begun) / 1e9), tokens, skipped);
    }
  }

  /**
   * The step-size schedule as the DJL tracker Adam reads: {@link #learningRate} of update t = 1, 2, ….
   * DJL's {@code WarmUpTracker} around a {@code CosineTracker} computes the same function in float; the
   * double form is kept because its tests pin it to 1e-15.
   */
  static Tracker schedule(Settings settings) {
    return step -> (float) learningRate(settings, step);
  }

  /**
   * Linear warm-up, then cosine decay to a tenth of the step size at the last step (as GPT-2-style
   * trainers do): the last steps move the weights little, so runs of one recipe end close together.
   */
  static double learningRate(Settings settings, int step) {
    double peak = settings.learningRate();
    int warmup = settings.warmupSteps();
    if (step <= warmup) {
      return peak * step / warmup;
    }
    double progress = (step - warmup) / (double) Math.max(1, settings.steps() - warmup);
    return peak * (MIN_RATE_SHARE + (1 - MIN_RATE_SHARE) * 0.5 * (1 + Math.cos(Math.PI * progress)));
  }

  /**
   * The batch's mean loss in nats per token, its gradients left on the parameters, clipped to a global
   * norm of {@link #CLIP_NORM}; NaN, with the gradients cleared, when the loss or a gradient is not finite.
   */
  private static double lossAndClippedGradients(Gpt2Model model, Map<String, NDArray> parameters, long[][] windows,
      NDManager manager) {
    int batch = windows.length;
    int length = windows[0].length - 1;
    long[] inputs = new long[batch * length];
    long[] targets = new long[batch * length];
    for (int b = 0; b < batch; b++) {
      System.arraycopy(windows[b], 0, inputs, b * length, length);
      System.arraycopy(windows[b], 1, targets, b * length, length);
    }
    NDArray input = manager.create(inputs, new Shape(batch, length));
    NDArray target = manager.create(targets, new Shape(batch * length));
    double loss;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray logits = model.logits(input);
      long vocab = logits.getShape().get(2);
      NDArray rows = logits.reshape(batch * length, vocab);
      // cross-entropy as logsumexp − target logit: every term finite (a log-softmax times a one-hot is
      // −∞·0 = NaN once a probability underflows)
      NDArray max = rows.max(new int[] {1}, true).stopGradient();
      NDArray logSumExp = rows.sub(max).exp().sum(new int[] {1}).log().add(max.squeeze(1));
      NDArray targetLogit = rows.mul(target.oneHot((int) vocab, DataType.FLOAT32)).sum(new int[] {1});
      NDArray lossArray = logSumExp.sub(targetLogit).mean();
      collector.backward(lossArray);
      loss = lossArray.getFloat();
    }
    double squaredNorm = 0;
    for (NDArray p : parameters.values()) {
      squaredNorm += p.getGradient().square().sum().getFloat();
    }
    if (!Double.isFinite(squaredNorm) || !Double.isFinite(loss)) {
      parameters.values().forEach(p -> clearGradient(p)); // skip this batch, as mixed-precision trainers do
      return Double.NaN;
    }
    double clip = Math.min(1.0, CLIP_NORM / (Math.sqrt(squaredNorm) + 1e-12));
    for (NDArray p : parameters.values()) {
      p.getGradient().muli(clip); // in place: the handle is a view of the parameter's gradient
    }
    return loss;
  }

  /**
   * One Adam step with the gradients on the parameters; DJL's update zeroes each gradient after it. Run
   * outside the step's {@link NDScope}: Adam creates its moments on the first update and keeps them.
   */
  private static void update(Optimizer adam, Map<String, NDArray> parameters) {
    parameters.forEach((name, p) -> {
      try (NDArray gradient = p.getGradient()) {
        adam.update(name, p, gradient);
      }
    });
  }

  /**
   * PyTorch accumulates gradients: the next step starts from zero. Written, not computed from the old
   * gradient (g − g and 0·g stay NaN once a gradient was not finite, and every later step would be too).
   */
  private static void clearGradient(NDArray parameter) {
    parameter.getGradient().set(ALL, 0);
  }
}

package io.modelmap.scorer.scoring;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.modelmap.scorer.model.CausalLm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Scores with a causal LM: tokenize, plan windows, batch windows by length, sum log-probabilities.
 * Whole texts (every token after the start token) and continuations after a context (the
 * multiple-choice case) share one batched path.
 */
public final class TextScorer {
  private final CausalLm model;
  private final HuggingFaceTokenizer tokenizer;
  private final int batchSize;
  private final NDManager manager;
  private final IntConsumer batchSizes;
  /**
   * Most logits (floats) formed at once by default: 8 MB on a CPU, so a block of logits stays in the
   * cache while it is reduced; 256 MB on a GPU, where fewer, larger kernels are faster.
   */
  static long defaultLogitBudget(ai.djl.Device device) {
    return device.isGpu() ? 64L << 20 : 2L << 20;
  }
  private final long logitBudget;

  public TextScorer(CausalLm model, HuggingFaceTokenizer tokenizer, int batchSize, NDManager manager) {
    this(model, tokenizer, batchSize, manager, size -> { });
  }

  /** As above, telling {@code batchSizes} the number of windows in each forward pass (for metrics). */
  public TextScorer(CausalLm model, HuggingFaceTokenizer tokenizer, int batchSize, NDManager manager,
      IntConsumer batchSizes) {
    this(model, tokenizer, batchSize, manager, batchSizes, defaultLogitBudget(manager.getDevice()));
  }

  /** With {@code logitBudget}: the most logits formed at once (tests use a small one to cross chunks). */
  TextScorer(CausalLm model, HuggingFaceTokenizer tokenizer, int batchSize, NDManager manager,
      IntConsumer batchSizes, long logitBudget) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
    }
    this.model = model;
    this.tokenizer = tokenizer;
    this.batchSize = batchSize;
    this.manager = manager;
    this.batchSizes = batchSizes;
    this.logitBudget = logitBudget;
  }

  public List<TextLogLikelihood> score(List<String> texts) {
    List<ScoringWindow> windows = new ArrayList<>();
    int[] tokens = new int[texts.size()];
    for (int i = 0; i < texts.size(); i++) {
      long[] ids = tokenizer.encode(texts.get(i)).getIds();
      tokens[i] = ids.length;
      windows.addAll(ScoringWindow.plan(i, withStartToken(ids, new long[0]), model.contextLength()));
    }
    int[] windowCounts = new int[texts.size()];
    windows.forEach(w -> windowCounts[w.owner()]++);
    double[] sums = sumByOwner(windows, texts.size());
    List<TextLogLikelihood> results = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      results.add(new TextLogLikelihood(sums[i], tokens[i], windowCounts[i] > 1));
    }
    return results;
  }

  /**
   * log p(continuation | start token, context) for each pair, tokenized as lm-evaluation-harness does:
   * the continuation's tokens are those of context + continuation after the context's own tokens, and
   * trailing spaces of the context move to the continuation.
   */
  public double[] scoreContinuations(List<String> contexts, List<String> continuations) {
    List<ScoringWindow> windows = new ArrayList<>(contexts.size());
    for (int i = 0; i < contexts.size(); i++) {
      String context = contexts.get(i);
      String continuation = continuations.get(i);
      int trailing = context.length() - context.stripTrailing().length();
      if (trailing > 0) {
        continuation = context.substring(context.length() - trailing) + continuation;
        context = context.substring(0, context.length() - trailing);
      }
      long[] contextIds = tokenizer.encode(context).getIds();
      long[] wholeIds = tokenizer.encode(context + continuation).getIds();
      long[] continuationIds = Arrays.copyOfRange(wholeIds, contextIds.length, wholeIds.length);
      long[] sequence = withStartToken(contextIds, continuationIds);
      windows.add(ScoringWindow.lastTokens(i, sequence, 1 + contextIds.length, model.contextLength()));
    }
    return sumByOwner(windows, contexts.size());
  }

  private long[] withStartToken(long[] first, long[] second) {
    long[] sequence = new long[1 + first.length + second.length];
    sequence[0] = model.startTokenId();
    System.arraycopy(first, 0, sequence, 1, first.length);
    System.arraycopy(second, 0, sequence, 1 + first.length, second.length);
    return sequence;
  }

  /** Scores windows longest first in batches; returns the summed log-probability of each owner. */
  private double[] sumByOwner(List<ScoringWindow> windows, int owners) {
    double[] sums = new double[owners];
    List<ScoringWindow> sorted = new ArrayList<>(windows);
    sorted.sort(Comparator.comparingInt(ScoringWindow::length).reversed());
    int boundary = model.lengthBoundary();
    for (int start = 0; start < sorted.size(); ) {
      int end = Math.min(sorted.size(), start + batchSize);
      if (sorted.get(start).length() > boundary) { // never pad a window across the boundary: it would change regime
        for (int i = start + 1; i < end; i++) {
          if (sorted.get(i).length() <= boundary) {
            end = i;
            break;
          }
        }
      }
      List<ScoringWindow> batch = sorted.subList(start, end);
      start = end;
      double[] batchSums = scoreAdaptively(batch);
      for (int b = 0; b < batch.size(); b++) {
        sums[batch.get(b).owner()] += batchSums[b];
      }
    }
    return sums;
  }

  /**
   * Scores a batch; when the device runs out of memory, scores its two halves instead (down to one
   * window). Every window is scored on its own positions, so the split never changes the numbers.
   */
  private double[] scoreAdaptively(List<ScoringWindow> batch) {
    try {
      double[] sums = scoreBatch(batch);
      batchSizes.accept(batch.size());
      return sums;
    } catch (EngineException e) {
      if (!String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("out of memory")) {
        throw e;
      }
      if (batch.size() == 1) {
        throw new IllegalStateException("out of memory scoring a single window of " + batch.get(0).length()
            + " tokens: the model does not fit on this device; use a larger device or a smaller dtype", e);
      }
      int half = batch.size() / 2;
      double[] first = scoreAdaptively(batch.subList(0, half));
      double[] second = scoreAdaptively(batch.subList(half, batch.size()));
      double[] sums = Arrays.copyOf(first, batch.size());
      System.arraycopy(second, 0, sums, half, second.length);
      return sums;
    }
  }

  /** One padded forward pass; returns each window's sum of target log-probabilities. */
  private double[] scoreBatch(List<ScoringWindow> batch) {
    int width = batch.get(0).length(); // sorted longest first
    long[] input = new long[batch.size() * width];
    long[] targets = new long[batch.size() * width];
    for (int b = 0; b < batch.size(); b++) {
      ScoringWindow w = batch.get(b);
      for (int p = 0; p < width; p++) {
        int at = w.from() + p;
        input[b * width + p] = p < w.length() ? w.sequence()[at] : model.startTokenId(); // right padding
        targets[b * width + p] = p < w.length() - 1 ? w.sequence()[at + 1] : 0;
      }
    }
    float[] logProbs;
    try (NDManager batchManager = manager.newSubManager()) {
      NDArray ids = batchManager.create(input, new Shape(batch.size(), width));
      logProbs = model.targetLogProbabilities(ids, targets, logitBudget);
    }
    double[] sums = new double[batch.size()];
    for (int b = 0; b < batch.size(); b++) {
      ScoringWindow w = batch.get(b);
      // position p predicts sequence[from + p + 1]; score the window's own targets only
      for (int p = w.firstTarget() - w.from() - 1; p < w.length() - 1; p++) {
        sums[b] += logProbs[b * width + p];
      }
    }
    return sums;
  }
}

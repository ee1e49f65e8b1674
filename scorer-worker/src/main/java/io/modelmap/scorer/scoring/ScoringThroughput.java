package io.modelmap.scorer.scoring;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.modelmap.scorer.model.CausalLm;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Tokens per second of three ways to score the same texts with the same model: the worker's path
 * (batched windows, chunked log-softmax and gather on the device), the forward pass alone on the
 * same batches (the floor: what libtorch needs for the model), and the modelmap reference method
 * (one text per forward pass, then a per-token loop reading log-probabilities to the host).
 */
public final class ScoringThroughput {
  private final CausalLm model;
  private final HuggingFaceTokenizer tokenizer;
  private final NDManager manager;
  private final int batchSize;

  public ScoringThroughput(CausalLm model, HuggingFaceTokenizer tokenizer, NDManager manager, int batchSize) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.manager = manager;
    this.batchSize = batchSize;
  }

  /** Tokens scored per second by {@link TextScorer}; a non-finite score is an error, not a speed. */
  public double worker(List<String> texts) {
    long started = System.nanoTime();
    long tokens = workerTokens(texts);
    return tokens / seconds(started);
  }

  /** Scores the texts as the worker does and returns the tokens scored, for a caller timing it its own way. */
  public long workerTokens(List<String> texts) {
    long tokens = 0;
    for (TextLogLikelihood score : new TextScorer(model, tokenizer, batchSize, manager).score(texts)) {
      if (!Double.isFinite(score.logLikelihood())) {
        throw new IllegalStateException("log-likelihood " + score.logLikelihood() + " for a text of "
            + score.tokensScored() + " tokens");
      }
      tokens += score.tokensScored();
    }
    return tokens;
  }

  /** Tokens per second of the forward pass (hidden states and logits) alone, on the worker's batches. */
  public double forwardOnly(List<String> texts) {
    List<ScoringWindow> windows = new ArrayList<>();
    long tokens = 0;
    for (int i = 0; i < texts.size(); i++) {
      long[] ids = tokenizer.encode(texts.get(i)).getIds();
      tokens += ids.length;
      long[] sequence = new long[ids.length + 1];
      sequence[0] = model.startTokenId();
      System.arraycopy(ids, 0, sequence, 1, ids.length);
      windows.addAll(ScoringWindow.plan(i, sequence, model.contextLength()));
    }
    windows.sort(Comparator.comparingInt(ScoringWindow::length).reversed());
    long started = System.nanoTime();
    for (int start = 0; start < windows.size(); start += batchSize) {
      List<ScoringWindow> batch = windows.subList(start, Math.min(windows.size(), start + batchSize));
      int width = batch.get(0).length();
      long[] input = new long[batch.size() * width];
      for (int b = 0; b < batch.size(); b++) {
        ScoringWindow w = batch.get(b);
        for (int p = 0; p < width; p++) {
          input[b * width + p] = p < w.length() ? w.sequence()[w.from() + p] : model.startTokenId();
        }
      }
      try (NDManager batchManager = manager.newSubManager()) {
        NDArray logits = model.logits(batchManager.create(input, new Shape(batch.size(), width)));
        logits.get("0, 0, 0").toFloatArray(); // one value to the host: waits for the device, copies nothing else
      }
    }
    return tokens / seconds(started);
  }

  /**
   * Tokens per second of the modelmap reference method (its {@code LikelihoodCalculator}): one text per
   * forward pass, log-softmax over the whole [1, length, vocab] logits, then a per-token loop that reads
   * each target's log-probability to the host one at a time. Texts are cut to the context, as there.
   */
  public double perTokenLoop(List<String> texts) {
    long tokens = 0;
    long started = System.nanoTime();
    for (String text : texts) {
      long[] ids = tokenizer.encode(text).getIds();
      int length = Math.min(ids.length + 1, model.contextLength());
      long[] sequence = new long[length];
      sequence[0] = model.startTokenId();
      System.arraycopy(ids, 0, sequence, 1, length - 1);
      try (NDManager textManager = manager.newSubManager()) {
        NDArray logProbs = model.logits(textManager.create(sequence, new Shape(1, length))).logSoftmax(2);
        double logLikelihood = 0;
        for (int t = 1; t < length; t++) {
          logLikelihood += logProbs.getFloat(0, t - 1, sequence[t]);
          tokens++;
        }
        if (Double.isNaN(logLikelihood)) {
          throw new IllegalStateException("NaN log-likelihood");
        }
      }
    }
    return tokens / seconds(started);
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}

package io.modelmap.scorer.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.util.Arrays;

/**
 * A transformer implemented here on raw DJL ops: its weights (one manager, in the scoring dtype),
 * the final hidden states and the output embedding. Logits are formed from the hidden states a chunk
 * of positions at a time, then log-softmaxed in float32.
 */
abstract class TransformerLm implements CausalLm {
  private final NDManager manager;
  protected final WeightMap weights;

  protected TransformerLm(NDManager manager, WeightMap weights) {
    this.manager = manager;
    this.weights = weights;
  }

  /** Builds a model around its weights; the manager is released if the weights do not fit the architecture. */
  interface Builder<T extends TransformerLm> {
    T build(NDManager manager, WeightMap weights) throws IOException;
  }

  static <T extends TransformerLm> T load(String architecture, CheckpointTensors tensors, Device device,
      DataType dtype, String prefix, Builder<T> builder) throws IOException {
    NDManager manager = NDManager.newBaseManager(device);
    try {
      T model = builder.build(manager, WeightMap.load(architecture, tensors, manager, dtype, prefix));
      model.outputEmbedding(); // a missing head is an error at load time, not at the first batch
      return model;
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** The final hidden states [batch, length, width] (after the last norm) for token ids [batch, length]. */
  abstract NDArray hidden(NDArray tokenIds);

  /** The output embedding [vocab, width]: logits = hidden · Wᵀ (+ {@link #outputBias}). */
  abstract NDArray outputEmbedding();

  /** The output layer's bias [vocab] (GPT-J, Phi), or null. */
  NDArray outputBias() {
    return null;
  }

  /**
   * What the family does to float32 logits after the output layer, elementwise (Granite divides them,
   * Gemma 2 soft-caps them); the identity by default. Elementwise, so it applies to any block of them.
   */
  NDArray finishLogits(NDArray logits) {
    return logits;
  }

  @Override
  public NDArray logits(NDArray tokenIds) {
    NDArray logits = hidden(tokenIds).matMul(outputEmbedding().transpose());
    NDArray bias = outputBias();
    return finishLogits(Ops.float32(bias == null ? logits : logits.add(bias)));
  }

  /**
   * log p(target) = target logit − logsumexp(logits), with the logsumexp accumulated over blocks of
   * the vocabulary: each block's logits [rows, block] stay small enough for the CPU cache (or the
   * logit budget on a GPU) and the full [rows, vocab] logits never exist. The target logit is the dot
   * product of the hidden state with the target's output embedding. All in float32.
   */
  @Override
  public float[] targetLogProbabilities(NDArray tokenIds, long[] targets, long logitBudget) {
    return targetLogProbabilities(tokenIds, targets, logitBudget, VOCAB_BLOCK);
  }

  /** As above with {@code vocabBlock} columns at a time (tests use a small one to cross blocks). */
  float[] targetLogProbabilities(NDArray tokenIds, long[] targets, long logitBudget, long vocabBlock) {
    NDArray hidden = hidden(tokenIds);
    int rows = targets.length;
    NDArray flat = hidden.reshape(rows, hidden.getShape().get(2)); // in the weights' dtype, as the head
    NDArray head = outputEmbedding();
    NDArray bias = outputBias();
    long vocab = head.getShape().get(0);
    long block = Math.min(vocab, vocabBlock);
    int chunk = (int) Math.max(1, Math.min(rows, logitBudget / block));
    float[] logProbs = new float[rows];
    for (int start = 0; start < rows; start += chunk) {
      int end = Math.min(rows, start + chunk);
      try (NDManager chunkManager = tokenIds.getManager().newSubManager()) {
        NDArray rowsHidden = flat.get(start + ":" + end);
        rowsHidden.attach(chunkManager);
        NDArray targetIds = chunkManager.create(Arrays.copyOfRange(targets, start, end));
        NDArray targetLogits = Ops.float32(rowsHidden).mul(Ops.float32(Ops.embed(targetIds, head)))
            .sum(new int[] {1});
        if (bias != null) {
          targetLogits = targetLogits.add(Ops.float32(Ops.embed(targetIds, bias.reshape(-1, 1)).reshape(-1)));
        }
        targetLogits = finishLogits(targetLogits);
        NDList blockLogSumExps = new NDList();
        for (long from = 0; from < vocab; from += block) {
          String columns = from + ":" + Math.min(vocab, from + block);
          NDArray blockLogits = rowsHidden.matMul(head.get(columns).transpose());
          if (bias != null) {
            blockLogits = blockLogits.add(bias.get(columns));
          }
          blockLogSumExps.add(logSumExp(finishLogits(Ops.float32(blockLogits))));
        }
        float[] part = targetLogits.sub(logSumExp(NDArrays.stack(blockLogSumExps, 1))).toFloatArray();
        System.arraycopy(part, 0, logProbs, start, part.length);
      }
    }
    return logProbs;
  }

  /** Columns of the vocabulary whose logits are formed at once (with 256 positions: 8 MB, cache-sized). */
  private static final long VOCAB_BLOCK = 8192;

  /** log Σ exp over the last axis of [rows, columns], shifted by the row maximum (DJL has no logsumexp). */
  private static NDArray logSumExp(NDArray x) {
    NDArray max = x.max(new int[] {1}, true);
    return x.sub(max).exp().sum(new int[] {1}).log().add(max.squeeze(1));
  }

  @Override
  public void close() {
    manager.close();
  }
}

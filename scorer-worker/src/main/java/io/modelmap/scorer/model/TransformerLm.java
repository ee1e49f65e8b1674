package io.modelmap.scorer.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
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
    T build(NDManager manager, WeightMap weights);
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

  /** The output embedding [vocab, width]: logits = hidden · Wᵀ. */
  abstract NDArray outputEmbedding();

  @Override
  public NDArray logits(NDArray tokenIds) {
    return hidden(tokenIds).matMul(outputEmbedding().transpose()).toType(DataType.FLOAT32, false);
  }

  @Override
  public float[] targetLogProbabilities(NDArray tokenIds, long[] targets, long logitBudget) {
    NDArray hidden = hidden(tokenIds);
    long width = hidden.getShape().get(2);
    int rows = targets.length;
    NDArray flat = hidden.reshape(rows, width);
    NDArray head = outputEmbedding().transpose();
    int chunk = (int) Math.max(1, Math.min(rows, logitBudget / head.getShape().get(1)));
    float[] logProbs = new float[rows];
    for (int start = 0; start < rows; start += chunk) {
      int end = Math.min(rows, start + chunk);
      try (NDManager chunkManager = tokenIds.getManager().newSubManager()) {
        NDArray rowsHidden = flat.get(start + ":" + end);
        rowsHidden.attach(chunkManager);
        NDArray logits = rowsHidden.matMul(head);
        float[] part = TargetLogProbabilities.of(logits, Arrays.copyOfRange(targets, start, end));
        System.arraycopy(part, 0, logProbs, start, part.length);
      }
    }
    return logProbs;
  }

  @Override
  public void close() {
    manager.close();
  }
}

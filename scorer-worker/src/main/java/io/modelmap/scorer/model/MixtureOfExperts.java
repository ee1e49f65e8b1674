package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A sparse mixture of experts (Mixtral, Qwen2-MoE): a router's softmax over the experts in float32,
 * each position sent to its top k, their weights renormalised to sum to 1 or not (per model), the
 * experts' outputs summed with those weights; optionally a shared expert every position passes
 * through, scaled by σ(its gate). Each expert runs only on the positions routed to it: one-hot
 * selection matrices gather those rows and scatter the results back exactly.
 *
 * @param router [experts, width], no bias
 * @param sharedGate [1, width], or null
 */
record MixtureOfExperts(Linear router, List<Mlp> experts, int topK, boolean renormalise, Mlp shared, Linear sharedGate)
    implements Mlp {

  @Override
  public NDArray apply(NDArray x) {
    Shape shape = x.getShape();
    int rows = (int) (shape.size() / shape.get(shape.dimension() - 1));
    NDArray flat = x.reshape(rows, shape.get(shape.dimension() - 1));
    boolean[] chosen = new boolean[rows * experts.size()];
    float[] weights = routingWeights(Ops.float32(router.apply(flat)).toFloatArray(), rows, chosen);
    NDManager m = x.getManager();
    NDArray out = flat.zerosLike();
    int count = experts.size();
    for (int e = 0; e < count; e++) {
      int routed = 0;
      for (int r = 0; r < rows; r++) {
        routed += chosen[r * count + e] ? 1 : 0;
      }
      if (routed == 0) {
        continue;
      }
      float[] select = new float[routed * rows];
      float[] expertWeights = new float[routed];
      for (int r = 0, i = 0; r < rows; r++) {
        if (chosen[r * count + e]) {
          select[i * rows + r] = 1;
          expertWeights[i++] = weights[r * count + e];
        }
      }
      NDArray selection = m.create(select, new Shape(routed, rows)).toType(x.getDataType(), false);
      NDArray scale = m.create(expertWeights, new Shape(routed, 1)).toType(x.getDataType(), false);
      NDArray result = experts.get(e).apply(selection.matMul(flat)).mul(scale);
      out = out.add(selection.transpose().matMul(result));
    }
    if (shared != null) {
      NDArray gate = sharedGate.apply(flat);
      out = out.add(shared.apply(flat).mul(gate.neg().exp().add(1).pow(-1)));
    }
    return out.reshape(shape);
  }

  /** [rows, experts] weights: the top k of each row's softmax (renormalised when asked), zero elsewhere. */
  private float[] routingWeights(float[] logits, int rows, boolean[] chosen) {
    int count = experts.size();
    float[] weights = new float[rows * count];
    double[] probabilities = new double[count];
    for (int r = 0; r < rows; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int e = 0; e < count; e++) {
        max = Math.max(max, logits[r * count + e]);
      }
      double sum = 0;
      for (int e = 0; e < count; e++) {
        probabilities[e] = Math.exp(logits[r * count + e] - max);
        sum += probabilities[e];
      }
      // float32, as torch.softmax(..., dtype=torch.float) gives the router's probabilities
      float[] p = new float[count];
      for (int e = 0; e < count; e++) {
        p[e] = (float) (probabilities[e] / sum);
      }
      int[] top = topK(p);
      float total = 0;
      for (int e : top) {
        total += p[e];
      }
      for (int e : top) {
        chosen[r * count + e] = true;
        weights[r * count + e] = renormalise ? p[e] / total : p[e];
      }
    }
    return weights;
  }

  /** The k largest, ties to the lower index (as torch.topk on a CPU). */
  private int[] topK(float[] p) {
    int[] chosen = new int[topK];
    boolean[] taken = new boolean[p.length];
    for (int k = 0; k < topK; k++) {
      int best = -1;
      for (int e = 0; e < p.length; e++) {
        if (!taken[e] && (best < 0 || p[e] > p[best])) {
          best = e;
        }
      }
      taken[best] = true;
      chosen[k] = best;
    }
    return chosen;
  }
}

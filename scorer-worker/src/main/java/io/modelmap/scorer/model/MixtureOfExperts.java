package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A sparse mixture of experts (Mixtral, Qwen2-MoE, DeepSeek-V2): a router's softmax over the experts in
 * float32, each position sent to its top k (DeepSeek-V2: only among the experts of its best groups),
 * their weights renormalised to sum to 1 or not and then scaled (per model), the experts' outputs
 * summed with those weights; optionally a shared expert every position passes through, scaled by
 * σ(its gate) where it has one. Each expert runs only on the positions routed to it: one-hot selection
 * matrices gather those rows and scatter the results back exactly.
 *
 * @param router [experts, width], no bias
 * @param shared null, or the expert every position passes through
 * @param sharedGate [1, width], or null for an ungated shared expert
 */
record MixtureOfExperts(Linear router, List<Mlp> experts, Routing routing, Mlp shared, Linear sharedGate)
    implements Mlp {

  /**
   * @param topK experts per position
   * @param renormalise whether the k weights are divided by their sum
   * @param scale the factor the weights are multiplied by after (DeepSeek's routed_scaling_factor; 1 otherwise)
   * @param groups the experts split into this many equal groups (group-limited routing), 1 for none
   * @param topGroups a position's experts come from its best {@code topGroups} groups (by their best expert)
   */
  record Routing(int topK, boolean renormalise, double scale, int groups, int topGroups) {
    static Routing topK(int k, boolean renormalise) {
      return new Routing(k, renormalise, 1, 1, 1);
    }
  }

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
      NDArray sharedOut = shared.apply(flat);
      out = out.add(sharedGate == null ? sharedOut : sharedOut.mul(sharedGate.apply(flat).neg().exp().add(1).pow(-1)));
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
      int[] top = topK(p, allowedGroups(p));
      float total = 0;
      for (int e : top) {
        total += p[e];
      }
      for (int e : top) {
        chosen[r * count + e] = true;
        weights[r * count + e] = (float) ((routing.renormalise() ? p[e] / total : p[e]) * routing.scale());
      }
    }
    return weights;
  }

  /** Which experts a position may use: those of the topGroups groups whose best expert scores highest. */
  private boolean[] allowedGroups(float[] p) {
    boolean[] allowed = new boolean[p.length];
    int size = p.length / routing.groups();
    float[] best = new float[routing.groups()];
    java.util.Arrays.fill(best, Float.NEGATIVE_INFINITY);
    for (int e = 0; e < p.length; e++) {
      best[e / size] = Math.max(best[e / size], p[e]);
    }
    boolean[] taken = new boolean[routing.groups()];
    for (int g : top(best, routing.topGroups(), taken)) {
      for (int e = g * size; e < (g + 1) * size; e++) {
        allowed[e] = true;
      }
    }
    return allowed;
  }

  /** The k largest allowed weights, ties to the lower index (as torch.topk on a CPU). */
  private int[] topK(float[] p, boolean[] allowed) {
    boolean[] excluded = new boolean[p.length];
    for (int e = 0; e < p.length; e++) {
      excluded[e] = !allowed[e];
    }
    return top(p, routing.topK(), excluded);
  }

  /** The {@code k} largest values not yet {@code taken}, largest first; marks them taken. */
  private static int[] top(float[] values, int k, boolean[] taken) {
    int[] chosen = new int[k];
    for (int n = 0; n < k; n++) {
      int best = -1;
      for (int e = 0; e < values.length; e++) {
        if (!taken[e] && (best < 0 || values[e] > values[best])) {
          best = e;
        }
      }
      taken[best] = true;
      chosen[n] = best;
    }
    return chosen;
  }
}

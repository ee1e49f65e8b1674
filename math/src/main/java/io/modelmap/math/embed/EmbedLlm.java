package io.modelmap.math.embed;

import io.modelmap.math.optim.AdamParameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * EmbedLLM's model embeddings (§3): P(model m answers question q) = σ(w · (e_m ⊙ (W x_q + c)) + b),
 * with x_q the frozen encoding of the question ({@link QuestionEncoder}), (W, c) a learnt linear
 * projection to the embedding width, e_m the model's embedding, and a linear decoder (w, b) on their
 * Hadamard product. The projection's bias c lets e_m carry the model's overall accuracy.
 * Trained in plain Java by Adam on the binary cross-entropy of observed correctness.
 */
public final class EmbedLlm {
  private final int models;
  private final int dimension;
  private final int inputs;
  private final AdamParameters embeddings;
  private final AdamParameters projection;
  private final AdamParameters projectionBias;
  private final AdamParameters decoder;
  private final AdamParameters bias;

  /** Training: mini-batches of pairs shuffled by {@code seed}; Adam at {@code learningRate}, L2 {@code decay}. */
  public record Settings(int dimension, int epochs, int batch, double learningRate, double decay, long seed) {}

  private EmbedLlm(int models, int inputs, int dimension, Random random) {
    this.models = models;
    this.dimension = dimension;
    this.inputs = inputs;
    embeddings = new AdamParameters(models * dimension, random, 1.0 / Math.sqrt(dimension));
    projection = new AdamParameters(dimension * inputs, random, 1.0);
    projectionBias = new AdamParameters(dimension, random, 1.0);
    decoder = new AdamParameters(dimension, random, 1.0 / Math.sqrt(dimension));
    bias = new AdamParameters(1, random, 0);
  }

  public static EmbedLlm fit(int models, QuestionEncoder encoder, List<SparseVector> questions,
      List<Correctness> observations, Settings settings) {
    Random random = new Random(settings.seed());
    EmbedLlm model = new EmbedLlm(models, encoder.dimension(), settings.dimension(), random);
    List<Correctness> order = new ArrayList<>(observations);
    for (int epoch = 0; epoch < settings.epochs(); epoch++) {
      Collections.shuffle(order, random);
      for (int start = 0; start < order.size(); start += settings.batch()) {
        int end = Math.min(order.size(), start + settings.batch());
        for (Correctness c : order.subList(start, end)) {
          model.accumulate(c, questions.get(c.question()), 1.0 / (end - start));
        }
        for (AdamParameters p : List.of(model.embeddings, model.projection, model.projectionBias, model.decoder,
            model.bias)) {
          p.step(settings.learningRate(), p == model.bias || p == model.projectionBias ? 0 : settings.decay());
        }
      }
    }
    return model;
  }

  /** W x_q + c: the question in the embeddings' space. */
  public double[] project(SparseVector x) {
    return questionSide().project(x);
  }

  /** The decoder's features of a projected question: w ⊙ W x_q, so that the logit is e_m · features + b. */
  public double[] features(double[] projected) {
    return questionSide().features(projected);
  }

  /** The question side as it is now (shared arrays: a snapshot only once training is over). */
  public QuestionSide questionSide() {
    return new QuestionSide(dimension, inputs, projection.value, projectionBias.value, decoder.value, bias.value[0]);
  }

  /** The predicted probability that the model with embedding {@code embedding} answers right. */
  public double probability(double[] embedding, double[] features) {
    return questionSide().probability(embedding, features);
  }

  /** The router: the model with the highest predicted correctness on a question with these features. */
  public int route(double[] features) {
    int best = 0;
    double bestP = -1;
    for (int m = 0; m < models; m++) {
      double p = probability(embedding(m), features);
      if (p > bestP) {
        bestP = p;
        best = m;
      }
    }
    return best;
  }

  public double[] embedding(int model) {
    double[] e = new double[dimension];
    System.arraycopy(embeddings.value, model * dimension, e, 0, dimension);
    return e;
  }

  public double bias() {
    return bias.value[0];
  }

  public int dimension() {
    return dimension;
  }

  private void accumulate(Correctness c, SparseVector x, double scale) {
    double[] p = questionSide().project(x);
    double[] f = features(p);
    int offset = c.model() * dimension;
    double z = bias.value[0];
    for (int d = 0; d < dimension; d++) {
      z += embeddings.value[offset + d] * f[d];
    }
    double dz = (1 / (1 + Math.exp(-z)) - (c.correct() ? 1 : 0)) * scale; // d(BCE)/dz
    bias.gradient[0] += dz;
    int[] index = x.indices();
    float[] value = x.values();
    for (int d = 0; d < dimension; d++) {
      double e = embeddings.value[offset + d];
      embeddings.gradient[offset + d] += dz * f[d];
      decoder.gradient[d] += dz * e * p[d];
      double dp = dz * e * decoder.value[d];
      projectionBias.gradient[d] += dp;
      int row = d * inputs;
      for (int i = 0; i < index.length; i++) {
        projection.gradient[row + index[i]] += dp * value[i];
      }
    }
  }
}

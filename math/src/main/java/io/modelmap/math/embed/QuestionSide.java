package io.modelmap.math.embed;

import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The question side of a trained {@link EmbedLlm}, frozen: the projection (W, c), the decoder w and
 * the bias b. It is what routing and fold-in need: features f_q = w ⊙ (W x_q + c), then
 * P(correct) = σ(e · f_q + b) for any model embedding e.
 */
public record QuestionSide(int dimension, int inputs, double[] projection, double[] projectionBias, double[] decoder,
    double bias) {

  public QuestionSide {
    if (projection.length != dimension * inputs || projectionBias.length != dimension || decoder.length != dimension) {
      throw new IllegalArgumentException("a " + dimension + "×" + inputs + " projection, " + dimension + " biases and"
          + " decoder weights");
    }
  }

  /** W x + c: the question in the embeddings' space. */
  public double[] project(SparseVector x) {
    double[] p = new double[dimension];
    int[] index = x.indices();
    float[] value = x.values();
    for (int d = 0; d < dimension; d++) {
      int row = d * inputs;
      double s = projectionBias[d];
      for (int i = 0; i < index.length; i++) {
        s += projection[row + index[i]] * value[i];
      }
      p[d] = s;
    }
    return p;
  }

  /** w ⊙ projected: the logit of a model is e · features + b. */
  public double[] features(double[] projected) {
    double[] f = new double[dimension];
    for (int d = 0; d < dimension; d++) {
      f[d] = decoder[d] * projected[d];
    }
    return f;
  }

  public double[] features(SparseVector x) {
    return features(project(x));
  }

  public double probability(double[] embedding, double[] features) {
    double z = bias;
    for (int d = 0; d < dimension; d++) {
      z += embedding[d] * features[d];
    }
    return 1 / (1 + Math.exp(-z));
  }

  public void write(DataOutput out) throws IOException {
    out.writeInt(dimension);
    out.writeInt(inputs);
    for (double[] block : new double[][] {projection, projectionBias, decoder}) {
      for (double v : block) {
        out.writeDouble(v);
      }
    }
    out.writeDouble(bias);
  }

  /** The side {@link #write} wrote, from bytes in memory; a claimed size beyond them is refused. */
  public static QuestionSide read(DataInputStream in) throws IOException {
    int dimension = in.readInt();
    int inputs = in.readInt();
    double[] projection = doubles(in, (long) dimension * inputs);
    double[] projectionBias = doubles(in, dimension);
    double[] decoder = doubles(in, dimension);
    return new QuestionSide(dimension, inputs, projection, projectionBias, decoder, in.readDouble());
  }

  private static double[] doubles(DataInputStream in, long n) throws IOException {
    double[] v = new double[ClaimedLength.entries(in, n, Double.BYTES, "question side")];
    for (int i = 0; i < n; i++) {
      v[i] = in.readDouble();
    }
    return v;
  }
}

package io.modelmap.aggregator.embedding;

import io.modelmap.math.embed.HashedTfIdfEncoder;
import io.modelmap.math.embed.QuestionSide;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training's frozen question side with every model's embedding (trained or folded in since):
 * the EmbedLLM router, P(model answers right) for a question text and the model most likely to. Stored
 * as bytes ({@link #toBytes}) so the query API reads it from the aggregator's store.
 */
public final class Router {
  private final int version;
  private final HashedTfIdfEncoder encoder;
  private final QuestionSide questions;
  private final Map<String, double[]> embeddings;

  /** A model's predicted correctness on one question. */
  public record Ranked(String modelId, double probability) {}

  Router(int version, HashedTfIdfEncoder encoder, QuestionSide questions, Map<String, double[]> embeddings) {
    this.version = version;
    this.encoder = encoder;
    this.questions = questions;
    this.embeddings = new LinkedHashMap<>(embeddings);
  }

  public int version() {
    return version;
  }

  public int models() {
    return embeddings.size();
  }

  /** The question's decoder features: encode, project, weight. */
  public double[] features(String questionText) {
    return questions.features(encoder.encode(questionText));
  }

  public QuestionSide questionSide() {
    return questions;
  }

  boolean knows(String model) {
    return embeddings.containsKey(model);
  }

  /** The model's embedding in this training, when it has one. */
  java.util.Optional<double[]> embedding(String model) {
    return java.util.Optional.ofNullable(embeddings.get(model));
  }

  void put(String model, double[] embedding) {
    embeddings.put(model, embedding);
  }

  /** Every model by its predicted correctness on the question, highest first (ties by id). */
  public List<Ranked> rank(String questionText) {
    double[] f = features(questionText);
    List<Ranked> ranked = new ArrayList<>();
    embeddings.forEach((model, e) -> ranked.add(new Ranked(model, questions.probability(e, f))));
    ranked.sort(Comparator.comparingDouble(Ranked::probability).reversed().thenComparing(Ranked::modelId));
    return ranked;
  }

  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(version);
      encoder.write(out);
      questions.write(out);
      out.writeInt(embeddings.size());
      for (Map.Entry<String, double[]> e : embeddings.entrySet()) {
        out.writeUTF(e.getKey());
        for (double v : e.getValue()) {
          out.writeDouble(v);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    return bytes.toByteArray();
  }

  public static Router fromBytes(byte[] stored) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
      int version = in.readInt();
      HashedTfIdfEncoder encoder = HashedTfIdfEncoder.read(in);
      QuestionSide questions = QuestionSide.read(in);
      int models = in.readInt();
      Map<String, double[]> embeddings = new LinkedHashMap<>();
      for (int m = 0; m < models; m++) {
        String id = in.readUTF();
        double[] e = new double[questions.dimension()];
        for (int d = 0; d < e.length; d++) {
          e[d] = in.readDouble();
        }
        embeddings.put(id, e);
      }
      if (in.available() > 0) {
        throw new IllegalStateException("the stored router is unreadable: " + in.available() + " bytes left over");
      }
      return new Router(version, encoder, questions, embeddings);
    } catch (java.io.EOFException e) {
      throw new IllegalStateException("the stored router is unreadable: it ends early (" + stored.length + " bytes)", e);
    } catch (IOException e) {
      throw new IllegalStateException("the stored router is unreadable: " + e.getMessage(), e);
    }
  }
}

package io.modelmap.aggregator.embedding;

import io.modelmap.math.embed.HashedTfIdfEncoder;
import io.modelmap.math.embed.QuestionSide;
import io.modelmap.math.embed.SparseVector;
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
 * as bytes ({@link #toBytes}) so the query API reads it from the aggregator's store. Its questions are encoded
 * by all-MiniLM-L6-v2 ({@link SharedMiniLm}, loaded only when a text is encoded) or by the training's
 * hashed TF-IDF, which it carries.
 */
public final class Router {
  /** Leads the layout that names the encoding; the older layout starts with the version (≥ 1) and is TF-IDF. */
  private static final int LAYOUT = -2;
  private final int version;
  private final QuestionEncoding encoding;
  private final HashedTfIdfEncoder tfIdf; // null with MiniLM
  private final QuestionSide questions;
  private final Map<String, double[]> embeddings;

  /** A model's predicted correctness on one question. */
  public record Ranked(String modelId, double probability) {}

  /** A router whose questions are encoded by {@code tfIdf}. */
  Router(int version, HashedTfIdfEncoder tfIdf, QuestionSide questions, Map<String, double[]> embeddings) {
    this(version, QuestionEncoding.TFIDF, tfIdf, questions, embeddings);
  }

  /** A router whose questions are encoded by all-MiniLM-L6-v2. */
  Router(int version, QuestionSide questions, Map<String, double[]> embeddings) {
    this(version, QuestionEncoding.MINILM, null, questions, embeddings);
  }

  private Router(int version, QuestionEncoding encoding, HashedTfIdfEncoder tfIdf, QuestionSide questions,
      Map<String, double[]> embeddings) {
    this.version = version;
    this.encoding = encoding;
    this.tfIdf = tfIdf;
    this.questions = questions;
    this.embeddings = new LinkedHashMap<>(embeddings);
  }

  public int version() {
    return version;
  }

  public int models() {
    return embeddings.size();
  }

  public QuestionEncoding encoding() {
    return encoding;
  }

  /** The question's encoding (MiniLM loads on the first call in this JVM). */
  public SparseVector encode(String questionText) {
    return encoding == QuestionEncoding.TFIDF ? tfIdf.encode(questionText) : SharedMiniLm.get().encode(questionText);
  }

  /** The question's decoder features: encode, project, weight. */
  public double[] features(String questionText) {
    return questions.features(encode(questionText));
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
      out.writeInt(LAYOUT);
      out.writeInt(version);
      out.writeUTF(encoding.label());
      if (encoding == QuestionEncoding.TFIDF) {
        tfIdf.write(out);
      }
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

  private static QuestionEncoding label(String label) throws IOException {
    try {
      return QuestionEncoding.ofLabel(label);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  public static Router fromBytes(byte[] stored) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
      int first = in.readInt();
      boolean labelled = first == LAYOUT;
      int version = labelled ? in.readInt() : first;
      QuestionEncoding encoding = labelled ? label(in.readUTF()) : QuestionEncoding.TFIDF;
      HashedTfIdfEncoder tfIdf = encoding == QuestionEncoding.TFIDF ? HashedTfIdfEncoder.read(in) : null;
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
      return new Router(version, encoding, tfIdf, questions, embeddings);
    } catch (java.io.EOFException e) {
      throw new IllegalStateException("the stored router is unreadable: it ends early (" + stored.length + " bytes)", e);
    } catch (IOException e) {
      throw new IllegalStateException("the stored router is unreadable: " + e.getMessage(), e);
    }
  }
}

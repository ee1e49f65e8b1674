package io.modelmap.eval.embedllm;

import io.modelmap.math.embed.QuestionEncoder;
import io.modelmap.math.embed.SparseVector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A frozen encoder's vectors of known texts, computed once: a protocol that re-encodes the same
 * questions per fold or per held-out category then costs a lookup, not a network pass. Other texts go
 * to the encoder. With an {@link EncodingCache} the vectors are read from disk where it has them, and
 * the others encoded in chunks of {@link #CHUNK}, the cache saved after each (an interrupted run keeps
 * what it encoded).
 */
final class PrecomputedEncoder implements QuestionEncoder {
  static final int CHUNK = 1024;

  private final QuestionEncoder encoder;
  private final Map<String, SparseVector> known;
  private final int encoded;

  private PrecomputedEncoder(QuestionEncoder encoder, Map<String, SparseVector> known, int encoded) {
    this.encoder = encoder;
    this.known = known;
    this.encoded = encoded;
  }

  static PrecomputedEncoder of(QuestionEncoder encoder, List<String> texts) {
    List<String> distinct = texts.stream().distinct().toList();
    List<SparseVector> vectors = encoder.encodeAll(distinct);
    Map<String, SparseVector> known = new HashMap<>();
    for (int i = 0; i < distinct.size(); i++) {
      known.put(distinct.get(i), vectors.get(i));
    }
    return new PrecomputedEncoder(encoder, known, distinct.size());
  }

  /** As {@link #of(QuestionEncoder, List)}, with the vectors {@code cache} holds read from it and the others added. */
  static PrecomputedEncoder of(QuestionEncoder encoder, List<String> texts, EncodingCache cache) {
    if (cache.dimension() != encoder.dimension()) {
      throw new IllegalArgumentException("an encoding cache of width " + cache.dimension() + " for an encoder of "
          + encoder.dimension());
    }
    List<String> distinct = texts.stream().distinct().toList();
    List<String> missing = distinct.stream().filter(t -> cache.get(t) == null).toList();
    for (int from = 0; from < missing.size(); from += CHUNK) {
      List<String> chunk = missing.subList(from, Math.min(missing.size(), from + CHUNK));
      List<SparseVector> vectors = encoder.encodeAll(chunk);
      for (int i = 0; i < chunk.size(); i++) {
        cache.put(chunk.get(i), dense(vectors.get(i), cache.dimension()));
      }
      cache.save();
    }
    Map<String, SparseVector> known = new HashMap<>();
    for (String text : distinct) {
      float[] v = cache.get(text);
      known.put(text, new SparseVector(java.util.stream.IntStream.range(0, v.length).toArray(), v));
    }
    return new PrecomputedEncoder(encoder, known, missing.size());
  }

  private static float[] dense(SparseVector v, int dimension) {
    float[] out = new float[dimension];
    for (int i = 0; i < v.indices().length; i++) {
      out[v.indices()[i]] = v.values()[i];
    }
    return out;
  }

  /** How many of the known texts the encoder ran on (the others came from the cache). */
  int encoded() {
    return encoded;
  }

  @Override
  public int dimension() {
    return encoder.dimension();
  }

  @Override
  public SparseVector encode(String text) {
    SparseVector v = known.get(text);
    return v != null ? v : encoder.encode(text);
  }
}

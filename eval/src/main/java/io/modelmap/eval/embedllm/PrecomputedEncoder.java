package io.modelmap.eval.embedllm;

import io.modelmap.math.embed.QuestionEncoder;
import io.modelmap.math.embed.SparseVector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A frozen encoder's vectors of known texts, computed once: a protocol that re-encodes the same
 * questions per fold or per held-out category then costs a lookup, not a network pass. Other texts go
 * to the encoder.
 */
final class PrecomputedEncoder implements QuestionEncoder {
  private final QuestionEncoder encoder;
  private final Map<String, SparseVector> known;

  private PrecomputedEncoder(QuestionEncoder encoder, Map<String, SparseVector> known) {
    this.encoder = encoder;
    this.known = known;
  }

  static PrecomputedEncoder of(QuestionEncoder encoder, List<String> texts) {
    List<String> distinct = texts.stream().distinct().toList();
    List<SparseVector> vectors = encoder.encodeAll(distinct);
    Map<String, SparseVector> known = new HashMap<>();
    for (int i = 0; i < distinct.size(); i++) {
      known.put(distinct.get(i), vectors.get(i));
    }
    return new PrecomputedEncoder(encoder, known);
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

package io.modelmap.math.embed;

/**
 * The frozen question encoder of EmbedLLM (§3): text to a fixed vector. The paper uses a sentence
 * transformer: the {@code encoder} module's all-MiniLM-L6-v2 ({@code io.modelmap.encoder.MiniLmEncoder});
 * {@link HashedTfIdfEncoder} is the fallback that needs no weights.
 */
public interface QuestionEncoder {
  /** The encoding's width. */
  int dimension();

  SparseVector encode(String text);

  /** Encodes {@code texts} in order; an encoder that runs a network overrides this to batch them. */
  default java.util.List<SparseVector> encodeAll(java.util.List<String> texts) {
    return texts.stream().map(this::encode).toList();
  }
}

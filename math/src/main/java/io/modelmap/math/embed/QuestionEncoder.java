package io.modelmap.math.embed;

/**
 * The frozen question encoder of EmbedLLM (§3): text to a fixed vector. The paper uses a sentence
 * transformer; none can be fetched here, so {@link HashedTfIdfEncoder} stands in, and a local
 * encoder model can replace it behind this interface.
 */
public interface QuestionEncoder {
  /** The encoding's width. */
  int dimension();

  SparseVector encode(String text);
}

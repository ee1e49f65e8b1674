package io.modelmap.aggregator.embedding;

import java.util.Locale;

/**
 * How the streamed embeddings encode a question: all-MiniLM-L6-v2 (the encoder module's pretrained sentence
 * encoder, as EmbedLLM uses a sentence transformer; each item encoded once, in the background, and kept in
 * {@value EmbeddingStores#ENCODED}) or hashed TF-IDF (fitted on each training's questions, no weights).
 */
public enum QuestionEncoding {
  MINILM, TFIDF;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The encoding named {@code label} ({@code minilm} or {@code tfidf}); one line naming the choices otherwise. */
  public static QuestionEncoding ofLabel(String label) {
    for (QuestionEncoding e : values()) {
      if (e.label().equals(label)) {
        return e;
      }
    }
    throw new IllegalArgumentException("the question encoder must be minilm or tfidf, was '" + label + "'");
  }
}

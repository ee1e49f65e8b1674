package io.modelmap.producer.corpus;

import java.nio.charset.StandardCharsets;

/**
 * One text of a built corpus.
 *
 * @param textId id, unique within the corpus
 * @param index column in L
 * @param text the text (null when imported without it)
 * @param category category label
 * @param byteLength UTF-8 length
 */
public record CorpusText(String textId, int index, String text, String category, int byteLength) {

  public static CorpusText of(String textId, int index, String text, String category) {
    return new CorpusText(textId, index, text, category, text.getBytes(StandardCharsets.UTF_8).length);
  }
}

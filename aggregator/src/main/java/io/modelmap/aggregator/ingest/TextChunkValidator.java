package io.modelmap.aggregator.ingest;

import static io.modelmap.schemas.topic.DeadLetterReason.BYTE_LENGTH_MISMATCH;
import static io.modelmap.schemas.topic.DeadLetterReason.EMPTY_TEXT;
import static io.modelmap.schemas.topic.DeadLetterReason.INDEX_OUT_OF_RANGE;
import static io.modelmap.schemas.topic.DeadLetterReason.KEY_MISMATCH;
import static io.modelmap.schemas.topic.DeadLetterReason.OVERSIZE;

import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.key.CompositeKey;
import io.modelmap.schemas.key.Ids;
import java.util.Optional;

/**
 * Rules of a {@code corpus-texts} record: keyed corpusId/textId, an index inside the corpus, a positive
 * length that is the UTF-8 length of the text when the text is carried (imported corpora may leave it out).
 */
public final class TextChunkValidator implements Validator<TextChunk> {
  /** Largest corpus accepted: every model's row holds one double per text, so N bounds memory per model. */
  static final int MAX_CORPUS_SIZE = 1_000_000;

  @Override
  public Optional<Rejection> check(String key, TextChunk value) {
    Optional<Rejection> ids = Validator.checkId(Ids.Kind.CORPUS, value.getCorpusId())
        .or(() -> Validator.checkId(Ids.Kind.TEXT, value.getTextId()));
    if (ids.isPresent()) {
      return ids;
    }
    String expected = CompositeKey.of(value.getCorpusId(), value.getTextId());
    if (!expected.equals(key)) {
      return Optional.of(new Rejection(KEY_MISMATCH, "record key '" + key + "' should be '" + expected + "'"));
    }
    if (value.getCorpusSize() > MAX_CORPUS_SIZE) {
      return Optional.of(new Rejection(OVERSIZE, "corpusSize " + value.getCorpusSize() + " is over the limit of "
          + MAX_CORPUS_SIZE + " texts (the paper uses 10,000)"));
    }
    if (value.getCorpusSize() < 1 || value.getIndex() < 0 || value.getIndex() >= value.getCorpusSize()) {
      return Optional.of(new Rejection(INDEX_OUT_OF_RANGE,
          "index " + value.getIndex() + " is outside a corpus of " + value.getCorpusSize() + " texts"));
    }
    if (value.getByteLength() <= 0) {
      return Optional.of(new Rejection(EMPTY_TEXT, "byteLength is " + value.getByteLength()));
    }
    if (value.getText() != null) {
      int actual = value.getText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      if (actual != value.getByteLength()) {
        return Optional.of(new Rejection(BYTE_LENGTH_MISMATCH, "byteLength " + value.getByteLength()
            + " differs from the text's " + actual + " UTF-8 bytes (bits per byte divide by it); leave text null"
            + " only for corpora imported without their texts"));
      }
    }
    return Optional.empty();
  }
}

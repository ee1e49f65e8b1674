package io.modelmap.aggregator.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.key.CompositeKey;
import org.junit.jupiter.api.Test;

/** A corpus id holds the texts the aggregator accepts, in the order offered; what it refuses is counted, not kept. */
class AcceptedCorpusTest {
  private final AcceptedCorpus corpus = new AcceptedCorpus("c");

  @Test
  void shouldKeepValidTextsInColumnOrder() {
    offer(chunk("c", "b", 1, 2, "bb"));
    offer(chunk("c", "a", 0, 2, "a"));
    offer(chunk("other", "x", 0, 1, "x"));

    assertThat(corpus.texts()).extracting(TextChunk::getTextId).containsExactly("a", "b");
    assertThat(corpus.refused()).isZero();
  }

  @Test
  void shouldLeaveOutWhatTheAggregatorRefusesAndKeepTheFirstText() {
    offer(chunk("c", "a", 0, 2, "a"));
    offer(chunk("c", "b", 1, 2, "bb"));
    offer(chunk("c", "empty", 0, 2, "", 127)); // byte-length-mismatch
    offer(chunk("c", "squatter", 1, 2, "s")); // a column b holds
    offer(chunk("c", "bigger", 2, 3, "s")); // another corpus size
    corpus.offer("c/elsewhere", chunk("c", "keyed-wrong", 0, 2, "k")); // key-mismatch
    offer(chunk("c", "a", 0, 2, "a")); // the same text again: known, not refused
    corpus.offer("c/a", null); // a tombstone changes nothing

    assertThat(corpus.texts()).extracting(TextChunk::getTextId).containsExactly("a", "b");
    assertThat(corpus.refused()).isEqualTo(4);
  }

  private void offer(TextChunk text) {
    corpus.offer(CompositeKey.of(text.getCorpusId(), text.getTextId()), text);
  }

  private static TextChunk chunk(String corpusId, String id, int index, int size, String text) {
    return chunk(corpusId, id, index, size, text, text.length());
  }

  private static TextChunk chunk(String corpusId, String id, int index, int size, String text, int bytes) {
    return TextChunk.newBuilder().setCorpusId(corpusId).setTextId(id).setIndex(index).setCorpusSize(size).setText(text)
        .setCategory("prose").setByteLength(bytes).build();
  }
}

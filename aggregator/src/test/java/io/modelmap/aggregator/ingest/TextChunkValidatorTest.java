package io.modelmap.aggregator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.key.CompositeKey;
import org.junit.jupiter.api.Test;

class TextChunkValidatorTest {
  private final TextChunkValidator validator = new TextChunkValidator();

  private static TextChunk text(String corpus, String id, int corpusSize) {
    return TextChunk.newBuilder().setCorpusId(corpus).setTextId(id).setIndex(0).setCorpusSize(corpusSize)
        .setByteLength(10).build();
  }

  private String rule(TextChunk text) {
    return validator.check(CompositeKey.of(text.getCorpusId(), text.getTextId()), text)
        .map(Validator.Rejection::rule).orElse("accepted");
  }

  @Test
  void shouldBoundTheCorpusSizeThatSizesEveryRow() {
    assertThat(rule(text("pile", "doc#0", TextChunkValidator.MAX_CORPUS_SIZE))).isEqualTo("accepted");
    assertThat(rule(text("pile", "doc#0", TextChunkValidator.MAX_CORPUS_SIZE + 1))).isEqualTo("oversize");
    assertThat(rule(text("pile", "doc#0", Integer.MAX_VALUE))).isEqualTo("oversize");
  }

  @Test
  void shouldAcceptRealIdsAndRefuseControlCharacters() {
    assertThat(rule(text("pile/val", "Pile-CC 00.jsonl:3, \"q\" 5%#0", 10))).isEqualTo("accepted");
    assertThat(rule(text("pile", "doc\n#0", 10))).isEqualTo("invalid-id");
    assertThat(validator.check("pile/other", text("pile", "doc#0", 10)).map(Validator.Rejection::rule))
        .contains("key-mismatch");
  }

  @Test
  void shouldRefuseAByteLengthThatIsNotTheTextsLength() {
    TextChunk empty = TextChunk.newBuilder(text("pile", "doc#0", 10)).setText("").setByteLength(127).build();
    assertThat(rule(empty)).as("empty content claiming 127 bytes").isEqualTo("byte-length-mismatch");
    TextChunk umlaut = TextChunk.newBuilder(text("pile", "doc#0", 10)).setText("Größe").setByteLength(5).build();
    assertThat(rule(umlaut)).as("5 characters, 7 UTF-8 bytes").isEqualTo("byte-length-mismatch");
    assertThat(rule(TextChunk.newBuilder(umlaut).setByteLength(7).build())).isEqualTo("accepted");
    assertThat(rule(TextChunk.newBuilder(empty).setText(null).build())).as("imported without its text")
        .isEqualTo("accepted");
  }
}

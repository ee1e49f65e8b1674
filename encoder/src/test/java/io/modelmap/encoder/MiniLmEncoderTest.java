package io.modelmap.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.math.embed.SparseVector;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * all-MiniLM-L6-v2 against numbers published by sentence-transformers itself. The reference is the
 * quickstart of the sentence-transformers documentation (sbert.net, "Quickstart → Sentence Transformer",
 * also on the all-MiniLM-L6-v2 model card): {@code SentenceTransformer("all-MiniLM-L6-v2")} encodes
 * "The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium." and prints the
 * cosine similarities {@code [[1.0000, 0.6660, 0.1046], [0.6660, 1.0000, 0.1411], [0.1046, 0.1411, 1.0000]]},
 * computed with PyTorch and the Python tokenizer, independently of this ONNX Runtime + DJL pipeline. They
 * are asserted to their printed precision (± 0.5e-4, plus 1e-5 for float32 arithmetic). The other tests
 * check properties that hold by construction of sentence-transformers' pipeline: unit norm, equal texts at
 * cosine 1, a batch equal to one-by-one encoding, and truncation at 256 tokens.
 */
class MiniLmEncoderTest {
  private static final double PRINTED = 0.5e-4 + 1e-5;
  private static MiniLmEncoder encoder;

  @BeforeAll
  static void load() {
    encoder = MiniLmEncoder.open();
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  @Test
  void shouldGiveTheCosineSimilaritiesPrintedInTheSentenceTransformersQuickstart() {
    List<SparseVector> v = encoder.encodeAll(List.of(
        "The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."));

    assertThat(v.get(0).dot(v.get(1))).isCloseTo(0.6660, within(PRINTED));
    assertThat(v.get(0).dot(v.get(2))).isCloseTo(0.1046, within(PRINTED));
    assertThat(v.get(1).dot(v.get(2))).isCloseTo(0.1411, within(PRINTED));
  }

  @Test
  void shouldEncodeToUnitVectorsOf384Dimensions() {
    SparseVector v = encoder.encode("Which of the following is a prime number? 21, 23, 25, 27");

    assertThat(v.values()).hasSize(384);
    assertThat(encoder.dimension()).isEqualTo(384);
    assertThat(v.dot(v)).isCloseTo(1.0, within(1e-5));
  }

  @Test
  void shouldGiveEqualTextsCosineOneAndDifferentTextsLess() {
    List<SparseVector> v = encoder.encodeAll(List.of("What is the capital of France?",
        "What is the capital of France?", "Integrate x squared from 0 to 1."));

    assertThat(v.get(0).dot(v.get(1))).isCloseTo(1.0, within(1e-5));
    assertThat(v.get(0).dot(v.get(2))).isLessThan(0.5);
  }

  @Test
  void shouldEncodeABatchOfMixedLengthsAsEachTextAlone() {
    // padding to the longest text of the batch must not change any text's vector (the mask hides it)
    List<String> texts = List.of("Short.", "A somewhat longer question about the boiling point of water at altitude?",
        "Mid-length text on enzymes.", "x", "Which law states that pressure times volume is constant?");
    List<SparseVector> batch = encoder.encodeAll(texts);

    for (int i = 0; i < texts.size(); i++) {
      assertThat(batch.get(i).values()).containsExactly(encoder.encode(texts.get(i)).values(), within(2e-6f));
    }
  }

  @Test
  void shouldTruncateAt256TokensAsSentenceTransformersDoes() {
    String longText = "word ".repeat(400);

    assertThat(encoder.tokens(longText)).isEqualTo(256);
    assertThat(encoder.encode(longText + "completely different ending about astronomy").values())
        .containsExactly(encoder.encode(longText).values(), within(1e-6f));
  }
}

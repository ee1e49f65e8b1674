package io.modelmap.aggregator.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.math.embed.HashedTfIdfEncoder;
import io.modelmap.math.embed.QuestionSide;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The router as the embeddings store holds it: it comes back as written, and a broken one fails clearly. */
class RouterBytesTest {
  private static final String QUESTION = "what is two plus two";

  static Router router() {
    HashedTfIdfEncoder encoder = HashedTfIdfEncoder.fit(List.of(QUESTION, "name a prime number", "two primes"), 4);
    int inputs = encoder.dimension();
    double[] projection = new double[2 * inputs];
    for (int i = 0; i < projection.length; i++) {
      projection[i] = (i % 5 - 2) * 0.25;
    }
    QuestionSide questions = new QuestionSide(2, inputs, projection, new double[] {0.1, -0.2},
        new double[] {1.5, -0.5}, 0.3);
    Map<String, double[]> embeddings = new LinkedHashMap<>();
    embeddings.put("org/model-a", new double[] {0.5, -0.5});
    embeddings.put("org/model-b", new double[] {1.0, 2.0});
    return new Router(7, encoder, questions, embeddings);
  }

  @Test
  void shouldComeBackAsWritten() {
    Router router = router();
    byte[] stored = router.toBytes();
    Router read = Router.fromBytes(stored);
    assertThat(read.version()).isEqualTo(7);
    assertThat(read.models()).isEqualTo(2);
    assertThat(read.knows("org/model-a")).isTrue();
    assertThat(read.features(QUESTION)).containsExactly(router.features(QUESTION));
    assertThat(read.rank(QUESTION)).isEqualTo(router.rank(QUESTION));
    assertThat(read.toBytes()).as("written again byte for byte").isEqualTo(stored);
  }

  @Test
  void shouldRefuseATruncatedRouter() {
    byte[] stored = router().toBytes();
    assertThatThrownBy(() -> Router.fromBytes(Arrays.copyOf(stored, stored.length - 3)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the stored router is unreadable: it ends early (" + (stored.length - 3) + " bytes)");
  }

  @Test
  void shouldRefuseARouterWithBytesLeftOver() {
    byte[] stored = router().toBytes();
    assertThatThrownBy(() -> Router.fromBytes(Arrays.copyOf(stored, stored.length + 5)))
        .isInstanceOf(IllegalStateException.class).hasMessage("the stored router is unreadable: 5 bytes left over");
  }
}

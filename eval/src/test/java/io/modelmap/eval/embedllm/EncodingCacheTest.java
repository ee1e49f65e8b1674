package io.modelmap.eval.embedllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.math.embed.QuestionEncoder;
import io.modelmap.math.embed.SparseVector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncodingCacheTest {
  @TempDir
  Path dir;

  /** Encodes a text as (its length, its first character's code), and records every text it is asked for. */
  private static final class CountingEncoder implements QuestionEncoder {
    final List<String> asked = new ArrayList<>();

    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public SparseVector encode(String text) {
      asked.add(text);
      return new SparseVector(new int[] {0, 1}, new float[] {text.length(), text.charAt(0)});
    }
  }

  @Test
  void shouldReadStoredVectorsAndEncodeOnlyAChangedQuestionText() {
    Path file = dir.resolve("vectors.cache");
    CountingEncoder first = new CountingEncoder();
    QuestionEncoding.pretrained(first, List.of("ab", "abcd", "ab"), EncodingCache.open(file, "counting v1", 2));
    assertThat(first.asked).containsExactly("ab", "abcd");

    CountingEncoder second = new CountingEncoder();
    QuestionEncoder reused = QuestionEncoding.pretrained(second, List.of("ab", "abcde"),
        EncodingCache.open(file, "counting v1", 2)).fit(List.of());

    assertThat(second.asked).containsExactly("abcde"); // "abcd" became "abcde": a new hash, encoded again
    assertThat(reused.encode("ab").values()).containsExactly(2f, 'a');
    assertThat(reused.encode("abcde").values()).containsExactly(5f, 'a');
    assertThat(second.asked).containsExactly("abcde");
  }

  @Test
  void shouldKeepEveryStoredVectorBitForBit() {
    Path file = dir.resolve("vectors.cache");
    EncodingCache cache = EncodingCache.open(file, "id", 3);
    cache.put("question one", new float[] {0.1f, -2.5e-7f, Float.MIN_VALUE});
    cache.save();

    EncodingCache reopened = EncodingCache.open(file, "id", 3);

    assertThat(reopened.size()).isEqualTo(1);
    assertThat(reopened.get("question one")).containsExactly(0.1f, -2.5e-7f, Float.MIN_VALUE);
    assertThat(reopened.get("question one ")).isNull();
  }

  @Test
  void shouldRefuseInOneLineACacheOfAnotherEncoder() {
    Path file = dir.resolve("vectors.cache");
    EncodingCache other = EncodingCache.open(file, "all-mpnet-base-v2 sha256:0123", 2);
    other.put("q", new float[] {1, 2});
    other.save();

    assertThatThrownBy(() -> EncodingCache.open(file, "all-MiniLM-L6-v2 sha256:abcd", 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + " holds vectors of all-mpnet-base-v2 sha256:0123 (2 dimensions), not of"
            + " all-MiniLM-L6-v2 sha256:abcd (2): give another file or delete it");
    assertThatThrownBy(() -> EncodingCache.open(file, "all-mpnet-base-v2 sha256:0123", 3))
        .hasMessageContaining("(2 dimensions), not of all-mpnet-base-v2 sha256:0123 (3)");
  }

  @Test
  void shouldRefuseAFileThatIsNotACache() throws IOException {
    Path file = Files.writeString(dir.resolve("answers.csv"), "question_id,category\n");

    assertThatThrownBy(() -> EncodingCache.open(file, "id", 2))
        .hasMessage(file + " is not an encoding cache: give another file or delete it");
  }

  @Test
  void shouldRefuseACacheOfAnotherWidthThanItsEncoder() {
    EncodingCache cache = EncodingCache.open(dir.resolve("vectors.cache"), "counting v1", 3);

    assertThatThrownBy(() -> QuestionEncoding.pretrained(new CountingEncoder(), List.of("a"), cache))
        .hasMessage("an encoding cache of width 3 for an encoder of 2");
  }
}

package io.modelmap.eval.embedllm;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.math.embed.QuestionEncoder;
import io.modelmap.math.embed.SparseVector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrecomputedEncoderTest {
  /** Encodes a text as its length in dimension 0, and records every text it is asked for. */
  private static final class LengthEncoder implements QuestionEncoder {
    final List<String> asked = new ArrayList<>();

    @Override
    public int dimension() {
      return 1;
    }

    @Override
    public SparseVector encode(String text) {
      asked.add(text);
      return new SparseVector(new int[] {0}, new float[] {text.length()});
    }
  }

  @Test
  void shouldEncodeEachDistinctKnownTextOnceAndReuseItsVector() {
    LengthEncoder counting = new LengthEncoder();
    QuestionEncoding encoding = QuestionEncoding.pretrained(counting, List.of("ab", "abcd", "ab"));

    QuestionEncoder fold1 = encoding.fit(List.of("ab"));
    QuestionEncoder fold2 = encoding.fit(List.of("abcd"));

    assertThat(fold1.encode("abcd").values()).containsExactly(4f);
    assertThat(fold2.encode("ab").values()).containsExactly(2f);
    assertThat(fold1.dimension()).isEqualTo(1);
    assertThat(counting.asked).containsExactly("ab", "abcd");
  }

  @Test
  void shouldPassAnUnknownTextToTheEncoder() {
    LengthEncoder counting = new LengthEncoder();
    QuestionEncoder encoder = QuestionEncoding.pretrained(counting, List.of("ab")).fit(List.of());

    assertThat(encoder.encode("xyz").values()).containsExactly(3f);
    assertThat(counting.asked).containsExactly("ab", "xyz");
  }
}

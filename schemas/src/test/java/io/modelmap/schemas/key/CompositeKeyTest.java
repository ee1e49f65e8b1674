package io.modelmap.schemas.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CompositeKeyTest {

  @Test
  void shouldWriteTheDesignsExampleOfAPairOfHuggingFaceIds() {
    assertThat(CompositeKey.of("meta-llama/Llama-3.2-1B", "mistralai/Mistral-7B-v0.1"))
        .isEqualTo("meta-llama%2FLlama-3.2-1B/mistralai%2FMistral-7B-v0.1");
  }

  @Test
  void shouldEscapePercentBeforeSlashSoThatEscapesInIdsSurvive() {
    String key = CompositeKey.of("100%/a", "x%2Fy");
    assertThat(key).isEqualTo("100%25%2Fa/x%252Fy");
    assertThat(CompositeKey.split(key)).containsExactly("100%/a", "x%2Fy");
  }

  @Test
  void shouldLeavePlainIdsAsTheyAre() {
    assertThat(CompositeKey.of("pile", "doc 1, \"quoted\" Größe#0")).isEqualTo("pile/doc 1, \"quoted\" Größe#0");
  }

  @Test
  void shouldRefuseKeysThatNoEncodingProduces() {
    assertThatThrownBy(() -> CompositeKey.split("a%41/b")).hasMessageContaining("not %25 or %2F");
    assertThatThrownBy(() -> CompositeKey.split("no-slash")).hasMessageContaining("not a composite key");
    assertThatThrownBy(() -> CompositeKey.split("a/b%2")).hasMessageContaining("not %25 or %2F");
  }

  @Property(tries = 2000)
  void shouldSplitBackEveryJoinOfArbitraryComponents(@ForAll @Size(min = 2, max = 4) List<String> components) {
    assertThat(CompositeKey.split(CompositeKey.of(components.toArray(String[]::new)))).isEqualTo(components);
  }

  @Property(tries = 2000)
  void shouldGiveDistinctKeysForDistinctPairs(@ForAll String a, @ForAll String b, @ForAll String c, @ForAll String d) {
    boolean samePair = a.equals(c) && b.equals(d);
    assertThat(CompositeKey.of(a, b).equals(CompositeKey.of(c, d))).isEqualTo(samePair);
  }
}
